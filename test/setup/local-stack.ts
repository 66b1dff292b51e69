import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts the whole local stack once for the integration and end-to-end tests, exactly as
 * `npm start -- --fresh` does, but on free ports and in a temporary data folder, so that a
 * developer's own `npm start` can keep running beside the tests.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dataDir: string;
    ports: Record<string, number>;
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const waitForHealth = async (url: string, child: ChildProcess, logFile: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const log = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
  throw new Error(
    `The local stack did not become healthy (exit code ${child.exitCode}). Its last log lines:\n${log}`,
  );
};

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'faktura-test-'));
  const names = [
    'PORT',
    'ECONOMIC_SIMULATOR_PORT',
    'UNICONTA_SIMULATOR_PORT',
    'SES_PORT',
    'DYNAMODB_PORT',
    'SQS_PORT',
    'STEP_FUNCTIONS_PORT',
    'SECRETS_MANAGER_PORT',
  ];
  const ports: Record<string, number> = {};
  for (const name of names) ports[name] = await freePort();
  const logFile = join(dataDir, 'stack.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/local-runtime/src/cli/start.ts', '--fresh', '--data-dir', dataDir],
    {
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
        POWERTOOLS_LOG_LEVEL: 'WARN',
      },
      stdio: ['ignore', log, log],
    },
  );
  const apiUrl = `http://127.0.0.1:${ports.PORT}`;
  try {
    await waitForHealth(apiUrl, child, logFile, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  project.provide('apiUrl', apiUrl);
  project.provide('dataDir', dataDir);
  project.provide('ports', ports);

  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
}
