import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, freePorts, spawnLocalStack, stopStack, waitForHealth } from '#local/spawn-stack';

/**
 * Starts the whole local stack once for the integration and end-to-end tests, exactly as
 * `npm start -- --fresh` does, but on free ports and in a temporary data folder, so that a
 * developer's own `npm start` can keep running beside the tests. It runs with the local runtime's
 * test tuning (`testTuning` in spawn-stack.ts: faster saga retries, a 1 s export queue visibility).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dataDir: string;
    ports: Record<string, number>;
    /**
     * Where a test may start accounting simulators of its own that the stack lets an ADMIN point
     * an integration at (ECONOMIC_API_EXTRA_URLS / UNICONTA_API_EXTRA_URLS): the deployment, not
     * a tenant, decides which hosts get credentials.
     */
    testSimulatorPorts: { economic: number; uniconta: number };
    /** Two more allowed hosts (e-conomic, Uniconta) that only the tests of integration hosts listen on. */
    spareHostPorts: { economic: number; uniconta: number };
    /** Two more allowed hosts for the accounting outage tests' own simulators (5xx, then no answer at all). */
    outageSimulatorPorts: { economic: number; uniconta: number };
    /** One more allowed e-conomic host, for the month-end test's own simulator (20,000 drafts, its own request log). */
    monthEndSimulatorPort: number;
  }
}

export default async function setup(project: TestProject) {
  // The log sits beside the data folder, not in it: `--fresh` empties the data folder at start.
  const root = mkdtempSync(join(tmpdir(), 'faktura-test-'));
  const dataDir = join(root, 'data');
  const ports = await freePorts();
  const testSimulatorPorts = { economic: await freePort(), uniconta: await freePort() };
  const spareHostPorts = { economic: await freePort(), uniconta: await freePort() };
  const outageSimulatorPorts = { economic: await freePort(), uniconta: await freePort() };
  const monthEndSimulatorPort = await freePort();
  const allowed = (...ports: number[]) => ports.map((port) => `http://127.0.0.1:${port}`).join(',');
  const stack = spawnLocalStack({
    dataDir,
    ports,
    fresh: true,
    logFile: join(root, 'stack.log'),
    env: {
      ECONOMIC_API_EXTRA_URLS: allowed(
        testSimulatorPorts.economic,
        spareHostPorts.economic,
        outageSimulatorPorts.economic,
        monthEndSimulatorPort,
      ),
      UNICONTA_API_EXTRA_URLS: allowed(
        testSimulatorPorts.uniconta,
        spareHostPorts.uniconta,
        outageSimulatorPorts.uniconta,
      ),
    },
  });
  try {
    await waitForHealth(stack, 120_000);
  } catch (error) {
    stack.child.kill('SIGKILL');
    throw error;
  }
  project.provide('apiUrl', stack.apiUrl);
  project.provide('dataDir', dataDir);
  project.provide('ports', ports);
  project.provide('testSimulatorPorts', testSimulatorPorts);
  project.provide('spareHostPorts', spareHostPorts);
  project.provide('outageSimulatorPorts', outageSimulatorPorts);
  project.provide('monthEndSimulatorPort', monthEndSimulatorPort);

  return async () => {
    await stopStack(stack);
    if (!process.env.KEEP_TEST_DATA) rmSync(root, { recursive: true, force: true });
  };
}
