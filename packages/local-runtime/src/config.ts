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
  readonly notificationSender: string;
}

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
  notificationSender: 'faktura@faktura.local',
});

export const identityKeyFile = (config: LocalConfig): string => resolve(config.dataDir, 'identity-key.json');
