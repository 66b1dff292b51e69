import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { localConfig, portVariables } from '../../src/config.ts';
import { assertPortsFree } from '../../src/stack.ts';

/**
 * `npm start` checks its ports before it starts anything. A simulator whose system lives
 * elsewhere (ECONOMIC_API_URL / UNICONTA_API_URL) is not started, so its port may be taken.
 */
const listening: Server[] = [];

const listen = (port = 0): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      listening.push(server);
      resolve((server.address() as { port: number }).port);
    });
  });

/** A port nobody listens on: taken from the OS, then given back. */
const freePort = async (): Promise<number> => {
  const port = await listen();
  await new Promise((resolve) => listening.pop()!.close(resolve));
  return port;
};

/** Every port of the stack free, except the simulators' (taken by another process's listener). */
const configWithBusySimulators = async () => {
  const env: Record<string, string> = {};
  for (const variable of Object.values(portVariables)) env[variable] = String(await freePort());
  env[portVariables.economic] = String(await listen());
  env[portVariables.uniconta] = String(await listen());
  return { env, config: localConfig(env) };
};

afterEach(async () => {
  await Promise.all(listening.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('the port check of npm start', () => {
  it('does not need the simulators’ ports when both systems live elsewhere', async () => {
    // Prepare
    const { config } = await configWithBusySimulators();
    const env = { ECONOMIC_API_URL: 'https://economic.test', UNICONTA_API_URL: 'https://uniconta.test' };

    // Act
    const checked = assertPortsFree(config, env);

    // Assess
    await expect(checked).resolves.toBeUndefined();
  });

  it('still needs the port of the simulator it starts', async () => {
    // Prepare
    const { config } = await configWithBusySimulators();

    // Act
    const checked = assertPortsFree(config, { ECONOMIC_API_URL: 'https://economic.test' });

    // Assess
    await expect(checked).rejects.toThrow(
      `port ${config.ports.uniconta} (uniconta) is already in use: is another \`npm start\` running? Stop it, or choose another port with UNICONTA_SIMULATOR_PORT=<port>.`,
    );
  });
});
