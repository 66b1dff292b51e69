import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePorts, spawnLocalStack, stopStack, waitForHealth } from './spawn-stack.ts';

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
  }
}

export default async function setup(project: TestProject) {
  // The log sits beside the data folder, not in it: `--fresh` empties the data folder at start.
  const root = mkdtempSync(join(tmpdir(), 'faktura-test-'));
  const dataDir = join(root, 'data');
  const ports = await freePorts();
  const stack = spawnLocalStack({ dataDir, ports, fresh: true, logFile: join(root, 'stack.log') });
  try {
    await waitForHealth(stack, 120_000);
  } catch (error) {
    stack.child.kill('SIGKILL');
    throw error;
  }
  project.provide('apiUrl', stack.apiUrl);
  project.provide('dataDir', dataDir);
  project.provide('ports', ports);

  return async () => {
    await stopStack(stack);
    if (!process.env.KEEP_TEST_DATA) rmSync(root, { recursive: true, force: true });
  };
}
