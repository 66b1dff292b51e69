import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalIdentity, type TokenRequest } from '#local/gateway/local-identity';
import {
  freePort,
  freePorts,
  type SpawnedStack,
  type StackPorts,
  spawnLocalStack,
  stopStack,
  waitForHealth,
} from '#local/spawn-stack';
import { type RecordingProxy, type RecordingProxyOptions, startRecordingProxy } from './recording-proxy.ts';

/**
 * A local stack for one benchmark section: the whole stack as `npm start -- --fresh` runs it (via
 * tools/local-runtime/src/spawn-stack.ts), on free ports and in a temporary folder, at the pace AWS would run
 * it (none of the tests' tuning: the saga's Retry intervals and the queue's visibility timeout as
 * deployed), without the gateway's access log. Optionally with a recording proxy in front of
 * DynamoDB Local and/or the SQS server, which the handlers get as their endpoint.
 */
export interface BenchStack {
  readonly apiUrl: string;
  readonly dataDir: string;
  readonly ports: StackPorts;
  readonly dynamodb?: RecordingProxy;
  readonly sqs?: RecordingProxy;
  /**
   * Ports the stack lets an ADMIN point an integration at (ECONOMIC_API_EXTRA_URLS /
   * UNICONTA_API_EXTRA_URLS), for the simulators of the bench's scenarios: where an accounting
   * system lives is the deployment's decision. Taken one by one (`takeSimulatorPort`).
   */
  takeSimulatorPort(system: 'economic' | 'uniconta'): number;
  token(request: TokenRequest): Promise<string>;
  stop(): Promise<void>;
}

/** Simulators one bench run may start per system. */
const simulatorPortsPerSystem = 24;

export interface BenchStackOptions {
  readonly dynamodb?: Omit<RecordingProxyOptions, 'upstream'>;
  readonly sqs?: Omit<RecordingProxyOptions, 'upstream'>;
  /** The stack's environment; a function of the simulator ports, for settings per simulator (in the order they are taken). */
  readonly env?:
    | Readonly<Record<string, string>>
    | ((simulatorPorts: {
        readonly economic: readonly number[];
        readonly uniconta: readonly number[];
      }) => Readonly<Record<string, string>>);
}

export const startBenchStack = async (options: BenchStackOptions = {}): Promise<BenchStack> => {
  const root = mkdtempSync(join(tmpdir(), 'faktura-bench-'));
  const dataDir = join(root, 'data');
  const ports = await freePorts();
  const simulatorPorts = { economic: [] as number[], uniconta: [] as number[] };
  for (let i = 0; i < simulatorPortsPerSystem; i += 1) {
    simulatorPorts.economic.push(await freePort());
    simulatorPorts.uniconta.push(await freePort());
  }
  const allowed = (list: number[]) => list.map((port) => `http://127.0.0.1:${port}`).join(',');
  const dynamodb = options.dynamodb
    ? await startRecordingProxy({ ...options.dynamodb, upstream: `http://127.0.0.1:${ports.DYNAMODB_PORT}` })
    : undefined;
  const sqs = options.sqs
    ? await startRecordingProxy({ ...options.sqs, upstream: `http://127.0.0.1:${ports.SQS_PORT}` })
    : undefined;
  const endpoints = { ...(dynamodb ? { dynamodb: dynamodb.url } : {}), ...(sqs ? { sqs: sqs.url } : {}) };
  const stack: SpawnedStack = spawnLocalStack({
    dataDir,
    ports,
    fresh: true,
    logFile: join(root, 'stack.log'),
    env: {
      // As deployed: the tests' faster retries and shorter visibility timeout are off.
      FAKTURA_LOCAL_RETRY_SCALE: '',
      FAKTURA_LOCAL_QUEUE_VISIBILITY_SECONDS: '',
      // In AWS the sweeper of exports that never started is a Lambda of its own; here it would send
      // its Query through the recording proxy and be counted against whatever request is in flight.
      // Once an hour keeps it out of every measurement (no benchmarked export waits for it).
      FAKTURA_LOCAL_EXPORT_SWEEP_SECONDS: '3600',
      FAKTURA_ACCESS_LOG: 'off',
      FAKTURA_LOCAL_HANDLER_ENDPOINTS: Object.keys(endpoints).length > 0 ? JSON.stringify(endpoints) : '',
      ECONOMIC_API_EXTRA_URLS: allowed(simulatorPorts.economic),
      UNICONTA_API_EXTRA_URLS: allowed(simulatorPorts.uniconta),
      ...(typeof options.env === 'function' ? options.env(simulatorPorts) : options.env),
    },
  });
  const stopProxies = async () => {
    await Promise.all([dynamodb?.stop(), sqs?.stop()]);
  };
  try {
    await waitForHealth(stack, 120_000);
  } catch (error) {
    stack.child.kill('SIGKILL');
    await stopProxies();
    throw error;
  }
  const identity = await openLocalIdentity(join(dataDir, 'identity-key.json'));
  return {
    apiUrl: stack.apiUrl,
    dataDir,
    ports,
    ...(dynamodb ? { dynamodb } : {}),
    ...(sqs ? { sqs } : {}),
    takeSimulatorPort: (system) => {
      const port = simulatorPorts[system].shift();
      if (port === undefined)
        throw new Error(`No ${system} simulator port left (${simulatorPortsPerSystem} per run)`);
      return port;
    },
    token: (request) => identity.sign(request),
    stop: async () => {
      await stopStack(stack);
      await stopProxies();
      if (!process.env.KEEP_BENCH_DATA) rmSync(root, { recursive: true, force: true });
    },
  };
};
