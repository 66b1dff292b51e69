import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Runs the local stack as `npm start` does, in a child process, on the ports and in the data folder
 * given: the integration tests' global setup starts one this way, and a test that must kill a stack
 * mid-export (and start it again on the same data) starts a second one.
 */

/** The variables that move each component of the local stack (see the README). */
export const portNames = [
  'PORT',
  'ECONOMIC_SIMULATOR_PORT',
  'UNICONTA_SIMULATOR_PORT',
  'SES_PORT',
  'DYNAMODB_PORT',
  'SQS_PORT',
  'STEP_FUNCTIONS_PORT',
  'SECRETS_MANAGER_PORT',
] as const;

export type StackPorts = Record<(typeof portNames)[number], number>;

/**
 * The local runtime's own knobs for tests (tools/local-runtime/src/config.ts): the saga's Retry
 * intervals at 1/20 (2 s → 100 ms), and the export queue's visibility timeout at 1 s instead of
 * 180 s, so that a poisoned message reaches the dead-letter queue after its 5 receives in seconds.
 * A normal export request is consumed once all the same: the consumer starts the execution in
 * milliseconds, and a redelivery finds the execution already started. The sweeper of exports that
 * never started runs every 3 s (and queues again a job that waited 3 s) instead of every 2 minutes:
 * a second message for a job that was only slow starts nothing (the execution is named after it).
 */
export const testTuning = {
  FAKTURA_LOCAL_RETRY_SCALE: '0.05',
  FAKTURA_LOCAL_QUEUE_VISIBILITY_SECONDS: '1',
  FAKTURA_LOCAL_EXPORT_SWEEP_SECONDS: '3',
} as const;

/**
 * A free port BELOW the kernel's ephemeral range (32768+ on Linux). Ports the OS hands out for
 * `listen(0)` come from that range, and the stack's own components bind some that way (DynamoDB
 * Local's JVM, the SQS front server's inner server): a test port taken from it could be grabbed
 * by one of them between our check and the component that was meant to have it.
 */
const lowestPort = 20_000;
const highestPort = 32_000;
const handedOut = new Set<number>();

export const freePort = async (): Promise<number> => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = lowestPort + Math.floor(Math.random() * (highestPort - lowestPort));
    if (handedOut.has(port) || !(await isPortFree(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port between ${lowestPort} and ${highestPort}`);
};

export const freePorts = async (): Promise<StackPorts> => {
  const ports = {} as StackPorts;
  for (const name of portNames) ports[name] = await freePort();
  return ports;
};

/** Whether nothing listens on the port any more (a killed stack's DynamoDB JVM dies a moment later). */
export const isPortFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

export interface SpawnedStack {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly logFile: string;
}

export interface SpawnOptions {
  readonly dataDir: string;
  readonly ports: StackPorts;
  /** `--fresh`: start empty. Without it the stack keeps (and resumes) what the data folder holds. */
  readonly fresh: boolean;
  /** More environment for the stack (e.g. ECONOMIC_API_URL to use accounting systems outside it). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where its output goes; default `<dataDir>/stack.log` (appended to). */
  readonly logFile?: string;
}

export const spawnLocalStack = (options: SpawnOptions): SpawnedStack => {
  const logFile = options.logFile ?? join(options.dataDir, 'stack.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/local-runtime/src/cli/start.ts',
      ...(options.fresh ? ['--fresh'] : []),
      '--data-dir',
      options.dataDir,
    ],
    {
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(options.ports).map(([name, port]) => [name, String(port)])),
        POWERTOOLS_LOG_LEVEL: 'WARN',
        ...testTuning,
        ...options.env,
      },
      stdio: ['ignore', log, log],
    },
  );
  return { child, apiUrl: `http://127.0.0.1:${options.ports.PORT}`, logFile };
};

export const waitForHealth = async (stack: SpawnedStack, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stack.child.exitCode !== null || stack.child.signalCode !== null) break;
    try {
      const response = await fetch(`${stack.apiUrl}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const log = readFileSync(stack.logFile, 'utf8').split('\n').slice(-40).join('\n');
  throw new Error(
    `The local stack did not become healthy (exit code ${stack.child.exitCode}). Its last log lines:\n${log}`,
  );
};

/** Ctrl-C as `npm start` gets it, then SIGKILL if it has not stopped within `graceMs`. */
export const stopStack = async (stack: SpawnedStack, graceMs = 15_000): Promise<void> => {
  if (stack.child.exitCode !== null || stack.child.signalCode !== null) return;
  const exited = new Promise((resolve) => stack.child.once('exit', resolve));
  stack.child.kill('SIGTERM');
  const timer = setTimeout(() => stack.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
};
