import { resolve } from 'node:path';

/**
 * Where every local component listens and keeps its data. Each port has a default (the ones the
 * README lists) and an environment variable that overrides it, so two stacks (a developer's and
 * the test suite's) can run side by side.
 */
export interface LocalConfig {
  readonly host: string;
  readonly region: string;
  readonly dataDir: string;
  readonly ports: {
    readonly api: number;
    readonly economic: number;
    readonly uniconta: number;
    readonly ses: number;
    readonly dynamodb: number;
    readonly sqs: number;
    readonly stepFunctions: number;
    readonly secretsManager: number;
  };
  readonly tableName: string;
  readonly exportQueueName: string;
  readonly exportDeadLetterQueueName: string;
  readonly stateMachineName: string;
  readonly monthlyCloseStateMachineName: string;
  /** The monthly close's group: the child executions the close's run starts. */
  readonly monthlyCloseGroupStateMachineName: string;
  /**
   * `FAKTURA_CDK_CONTEXT`: JSON object of CDK context the stack is synthesized with, as `cdk synth
   * -c key=value` gives it (infra/stack-config.ts lists the keys); e.g. a test's small pages of the
   * monthly close. Default: none, the deployed defaults.
   */
  readonly cdkContext?: Readonly<Record<string, unknown>>;
  readonly notificationSender: string;
  /**
   * Knobs of the local runtime alone, for tests that must not wait as long as AWS would. The
   * handlers never see them: they change how the emulators behave, not what the functions do.
   */
  readonly tuning: {
    /** `FAKTURA_LOCAL_RETRY_SCALE`: multiplies the state machine's Retry intervals (0.05: 2 s → 100 ms). Default: as deployed. */
    readonly retryIntervalScale?: number;
    /** `FAKTURA_LOCAL_QUEUE_VISIBILITY_SECONDS`: the export request queue's visibility timeout. Default: the template's. */
    readonly exportQueueVisibilitySeconds?: number;
    /**
     * `FAKTURA_LOCAL_HANDLER_ENDPOINTS`: JSON `{"dynamodb"?: url, "sqs"?: url}`, the endpoints handed to
     * the handlers instead of the emulators' own (the benchmark puts a recording proxy there, to count
     * round trips and measure what is sent). The local runtime itself keeps talking to the emulators.
     */
    readonly handlerEndpoints?: { readonly dynamodb?: string; readonly sqs?: string };
    /**
     * `FAKTURA_LOCAL_EXPORT_SWEEP_SECONDS`: how often the sweeper of exports that never started runs,
     * and how long a job may wait before it is queued again. Default: as deployed (every 2 minutes,
     * 180 s).
     */
    readonly exportSweepSeconds?: number;
    /**
     * `FAKTURA_LOCAL_DYNAMODB_IN_MEMORY=1`: DynamoDB Local keeps its tables in memory instead of
     * the data folder, and loses them at stop. For the month-end benchmark, whose 20,000 customers
     * and invoices waited mostly on DynamoDB Local's disk (SQLite), which no deployed table has.
     */
    readonly dynamodbInMemory?: boolean;
  };
}

export const tuningVariables = {
  retryIntervalScale: 'FAKTURA_LOCAL_RETRY_SCALE',
  exportQueueVisibilitySeconds: 'FAKTURA_LOCAL_QUEUE_VISIBILITY_SECONDS',
  handlerEndpoints: 'FAKTURA_LOCAL_HANDLER_ENDPOINTS',
  exportSweepSeconds: 'FAKTURA_LOCAL_EXPORT_SWEEP_SECONDS',
  dynamodbInMemory: 'FAKTURA_LOCAL_DYNAMODB_IN_MEMORY',
} as const;

export const portVariables = {
  api: 'PORT',
  economic: 'ECONOMIC_SIMULATOR_PORT',
  uniconta: 'UNICONTA_SIMULATOR_PORT',
  ses: 'SES_PORT',
  dynamodb: 'DYNAMODB_PORT',
  sqs: 'SQS_PORT',
  stepFunctions: 'STEP_FUNCTIONS_PORT',
  secretsManager: 'SECRETS_MANAGER_PORT',
} as const;

const defaultPorts = {
  api: 3000,
  economic: 3101,
  uniconta: 3102,
  ses: 8005,
  dynamodb: 8000,
  sqs: 9324,
  stepFunctions: 8083,
  secretsManager: 8084,
} as const;

const port = (name: keyof typeof defaultPorts, env: NodeJS.ProcessEnv): number => {
  const raw = env[portVariables[name]];
  if (raw === undefined || raw === '') return defaultPorts[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new Error(`${portVariables[name]}=${raw} is not a port number`);
  }
  return value;
};

/** `FAKTURA_LOCAL_HANDLER_ENDPOINTS`: absent or empty is undefined; else a JSON object of http(s) URLs. */
const handlerEndpoints = (env: NodeJS.ProcessEnv): LocalConfig['tuning']['handlerEndpoints'] => {
  const name = tuningVariables.handlerEndpoints;
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${name}=${raw} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${name}=${raw} is not a JSON object`);
  const endpoints: Record<string, string> = {};
  for (const [service, url] of Object.entries(parsed)) {
    if (service !== 'dynamodb' && service !== 'sqs')
      throw new Error(`${name}: unknown service ${service} (dynamodb, sqs)`);
    if (typeof url !== 'string' || !/^https?:\/\/[^/]+/.test(url))
      throw new Error(`${name}: ${service} must be an http(s) URL, not ${String(url)}`);
    endpoints[service] = url;
  }
  return endpoints;
};

/** `FAKTURA_CDK_CONTEXT`: absent or empty is none; else a JSON object. */
const cdkContext = (env: NodeJS.ProcessEnv): { cdkContext?: Record<string, unknown> } => {
  const raw = env.FAKTURA_CDK_CONTEXT;
  if (raw === undefined || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`FAKTURA_CDK_CONTEXT=${raw} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`FAKTURA_CDK_CONTEXT=${raw} is not a JSON object`);
  return { cdkContext: parsed as Record<string, unknown> };
};

/** A tuning variable: absent or empty is undefined; anything else must be a number in range. */
const tuning = (
  name: keyof typeof tuningVariables,
  env: NodeJS.ProcessEnv,
  valid: (value: number) => boolean,
  expected: string,
): number | undefined => {
  const raw = env[tuningVariables[name]];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!valid(value)) throw new Error(`${tuningVariables[name]}=${raw} is not ${expected}`);
  return value;
};

export const localConfig = (env: NodeJS.ProcessEnv = process.env, dataDir?: string): LocalConfig => ({
  host: '127.0.0.1',
  region: 'eu-west-1',
  dataDir: resolve(dataDir ?? env.FAKTURA_DATA_DIR ?? '.local'),
  ports: {
    api: port('api', env),
    economic: port('economic', env),
    uniconta: port('uniconta', env),
    ses: port('ses', env),
    dynamodb: port('dynamodb', env),
    sqs: port('sqs', env),
    stepFunctions: port('stepFunctions', env),
    secretsManager: port('secretsManager', env),
  },
  tableName: 'faktura',
  exportQueueName: 'faktura-export-requests.fifo',
  exportDeadLetterQueueName: 'faktura-export-requests-dlq.fifo',
  stateMachineName: 'faktura-export',
  monthlyCloseStateMachineName: 'faktura-monthly-close',
  monthlyCloseGroupStateMachineName: 'faktura-monthly-close-group',
  ...cdkContext(env),
  notificationSender: 'faktura@faktura.local',
  tuning: {
    retryIntervalScale: tuning(
      'retryIntervalScale',
      env,
      (value) => Number.isFinite(value) && value >= 0,
      'a number ≥ 0',
    ),
    // SQS allows 0–43,200 s; 0 would hand a message out again while it is being handled.
    exportQueueVisibilitySeconds: tuning(
      'exportQueueVisibilitySeconds',
      env,
      (value) => Number.isInteger(value) && value >= 1 && value <= 43_200,
      'a whole number of seconds from 1 to 43200',
    ),
    handlerEndpoints: handlerEndpoints(env),
    exportSweepSeconds: tuning(
      'exportSweepSeconds',
      env,
      (value) => Number.isFinite(value) && value > 0 && value <= 3600,
      'a number of seconds above 0, at most 3600',
    ),
    dynamodbInMemory: flag('dynamodbInMemory', env),
  },
});

/** A yes/no knob: absent or empty is undefined; `1`/`true` or `0`/`false`, nothing else. */
const flag = (name: keyof typeof tuningVariables, env: NodeJS.ProcessEnv): boolean | undefined => {
  const raw = env[tuningVariables[name]]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${tuningVariables[name]}=${raw} is not 1, true, 0 or false`);
};

export const identityKeyFile = (config: LocalConfig): string => resolve(config.dataDir, 'identity-key.json');
