import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePorts,
  isPortFree,
  type SpawnedStack,
  type StackPorts,
  spawnLocalStack,
  stopStack,
  waitForHealth,
} from '#local/spawn-stack';
import type { StackTarget } from './api.ts';

/**
 * A local stack of a test's own, beside the global setup's: its own ports and data folder, so the
 * test may kill it outright (SIGKILL, as a host dies) and start it again on the same data, which the
 * shared stack must never suffer. `env` points it elsewhere, e.g. at accounting simulators that
 * outlive it (ECONOMIC_API_URL / UNICONTA_API_URL).
 */
export interface OwnStack {
  readonly target: StackTarget;
  readonly ports: StackPorts;
  readonly dataDir: string;
  /** SIGKILL: no stop handler runs, nothing is flushed. Resolves once the process is gone. */
  readonly kill: () => Promise<void>;
  /** Starts it again on the same data folder and ports, without `--fresh`; resolves when healthy. */
  readonly restart: () => Promise<void>;
  /** Stops it (Ctrl-C) and removes its data folder. */
  readonly dispose: () => Promise<void>;
}

const startTimeoutMs = 120_000;

export const startOwnStack = async (env: Readonly<Record<string, string>>): Promise<OwnStack> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'faktura-own-stack-'));
  const ports = await freePorts();
  let stack: SpawnedStack = spawnLocalStack({ dataDir, ports, fresh: true, env });
  const healthy = async () => {
    try {
      await waitForHealth(stack, startTimeoutMs);
    } catch (error) {
      stack.child.kill('SIGKILL');
      throw error;
    }
  };
  await healthy();

  return {
    target: { apiUrl: stack.apiUrl, dataDir },
    ports,
    dataDir,
    kill: async () => {
      if (stack.child.exitCode !== null || stack.child.signalCode !== null) return;
      const gone = new Promise((resolve) => stack.child.once('exit', resolve));
      stack.child.kill('SIGKILL');
      await gone;
    },
    restart: async () => {
      // The killed stack's DynamoDB runs in a JVM of its own, which its watchdog ends within about
      // a second of its parent's death: wait for every port to be free again.
      const deadline = Date.now() + 20_000;
      for (;;) {
        const busy = [];
        for (const port of Object.values(ports)) if (!(await isPortFree(port))) busy.push(port);
        if (busy.length === 0) break;
        if (Date.now() > deadline) throw new Error(`ports ${busy.join(', ')} are still in use`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      stack = spawnLocalStack({ dataDir, ports, fresh: false, env });
      await healthy();
    },
    dispose: async () => {
      await stopStack(stack);
      if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
