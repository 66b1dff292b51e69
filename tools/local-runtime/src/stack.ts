import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentNames, type FunctionName } from '#infra/catalog';
import { exportStartWithinSeconds, exportSweepEveryMinutes } from '#infra/constructs/export-sweep-schedule';
import {
  exportStateMachineDefinition,
  monthlyCloseGroupStateMachineDefinition,
  monthlyCloseStateMachineDefinition,
  queueConsumers,
  synthesizeFakturaTemplate,
} from '#infra/synthesize';
import { startAccountingSimulators } from './accounting-simulators.ts';
import { identityKeyFile, type LocalConfig, localConfig, portVariables } from './config.ts';
import { ensureCursorKey, localCursorKeySecretName } from './cursor-key.ts';
import { seedDemoData } from './demo-data.ts';
import { createFunctionHost } from './function-host.ts';
import { openLocalIdentity } from './gateway/local-identity.ts';
import { startGateway } from './gateway/server.ts';
import { keepOwnerOnly } from './owner-only.ts';
import { isPortFree } from './ports.ts';
import { ensureTable, startDynamoDb, tableDefinitionFromTemplate } from './services/dynamodb.ts';
import { localAccountId } from './services/local-service.ts';
import { startRateSchedule } from './services/schedule.ts';
import { startSecretsManager } from './services/secrets-manager.ts';
import { startSes } from './services/ses.ts';
import {
  ensureQueues,
  type FakturaQueues,
  fakturaQueueNames,
  fakturaQueueSpecsFromTemplate,
  localQueueNameOf,
  sqsMessageSender,
  startSqs,
  withVisibilityTimeout,
} from './services/sqs.ts';
import { startSqsPoller } from './services/sqs-poller.ts';
import { startStepFunctions } from './services/step-functions.ts';

/**
 * Starts every component of the local stack in dependency order and returns one handle that stops
 * them all in reverse. The handlers find the emulators only through the same environment variables
 * the AWS SDK reads in Lambda (AWS_ENDPOINT_URL_*) and the names the CDK stack sets (TABLE_NAME, …).
 */
export interface StartOptions {
  readonly fresh?: boolean;
  readonly dataDir?: string;
  readonly log?: (message: string) => void;
}

export interface LocalStack {
  readonly config: LocalConfig;
  readonly apiUrl: string;
  stop(): Promise<void>;
}

const repositoryRoot = resolve(fileURLToPath(import.meta.url), '../../../..');

/**
 * The ports this start will listen on: every component's, except a simulator's when its system
 * lives elsewhere (ECONOMIC_API_URL / UNICONTA_API_URL), since that simulator is not started.
 */
export const portsToListenOn = (
  config: LocalConfig,
  env: NodeJS.ProcessEnv = process.env,
): [keyof LocalConfig['ports'], number][] =>
  (Object.entries(config.ports) as [keyof LocalConfig['ports'], number][]).filter(
    ([name]) =>
      !(name === 'economic' && env.ECONOMIC_API_URL) && !(name === 'uniconta' && env.UNICONTA_API_URL),
  );

/** Says plainly which port is taken before anything starts (`env`: the start's environment). */
export const assertPortsFree = async (
  config: LocalConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> => {
  for (const [name, port] of portsToListenOn(config, env)) {
    if (!(await isPortFree(port, config.host))) {
      throw new Error(
        `port ${port} (${name}) is already in use: is another \`npm start\` running? ` +
          `Stop it, or choose another port with ${portVariables[name]}=<port>.`,
      );
    }
  }
};

/** What Lambda's environment would hold in AWS, pointed at the local components. */
export const handlerEnvironment = (
  config: LocalConfig,
  queueUrls: Pick<FakturaQueues, 'exportQueueUrl' | 'mailQueueUrl'>,
  stateMachines: { readonly export: string; readonly monthlyClose: string },
  accounting: { economicUrl: string; unicontaUrl: string } = {
    economicUrl: `http://${config.host}:${config.ports.economic}`,
    unicontaUrl: `http://${config.host}:${config.ports.uniconta}`,
  },
): Record<string, string> => {
  const local = (port: number) => `http://${config.host}:${port}`;
  const { handlerEndpoints } = config.tuning;
  const atSqsEndpoint = (queueUrl: string) =>
    handlerEndpoints?.sqs ? new URL(new URL(queueUrl).pathname, handlerEndpoints.sqs).href : queueUrl;
  return {
    AWS_REGION: config.region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    AWS_ENDPOINT_URL_DYNAMODB: handlerEndpoints?.dynamodb ?? local(config.ports.dynamodb),
    AWS_ENDPOINT_URL_SQS: handlerEndpoints?.sqs ?? local(config.ports.sqs),
    AWS_ENDPOINT_URL_SES: local(config.ports.ses),
    AWS_ENDPOINT_URL_SESV2: local(config.ports.ses),
    AWS_ENDPOINT_URL_SFN: local(config.ports.stepFunctions),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: local(config.ports.secretsManager),
    POWERTOOLS_SERVICE_NAME: 'faktura',
    POWERTOOLS_METRICS_NAMESPACE: 'Faktura',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    // EMF metrics go to CloudWatch in AWS; locally they would only interleave with the logs.
    POWERTOOLS_METRICS_DISABLED: 'true',
    [environmentNames.tableName]: config.tableName,
    // The SDK sends to the queue URL's host (useQueueUrlAsEndpoint), as in AWS, where the two agree.
    [environmentNames.exportQueueUrl]: atSqsEndpoint(queueUrls.exportQueueUrl),
    [environmentNames.mailQueueUrl]: atSqsEndpoint(queueUrls.mailQueueUrl),
    [environmentNames.exportStateMachineArn]: stateMachines.export,
    [environmentNames.monthlyCloseStateMachineArn]: stateMachines.monthlyClose,
    [environmentNames.accountingSecretPrefix]: 'faktura/accounting/',
    [environmentNames.cursorKeySecretArn]: localCursorKeySecretName,
    [environmentNames.notificationSender]: config.notificationSender,
    [environmentNames.notificationConfigurationSet]: 'faktura-notifications',
    // The accounting systems' default service roots: the simulators, or the hosts given to npm start;
    // with the extra hosts given to npm start, the only ones an integration may point at.
    ECONOMIC_API_URL: accounting.economicUrl,
    UNICONTA_API_URL: accounting.unicontaUrl,
    ECONOMIC_API_EXTRA_URLS: process.env.ECONOMIC_API_EXTRA_URLS ?? '',
    UNICONTA_API_EXTRA_URLS: process.env.UNICONTA_API_EXTRA_URLS ?? '',
  };
};

export const startLocalStack = async (options: StartOptions = {}): Promise<LocalStack> => {
  const log = options.log ?? ((message: string) => process.stdout.write(`${message}\n`));
  const config = localConfig(process.env, options.dataDir);
  await assertPortsFree(config);
  if (options.fresh) rmSync(config.dataDir, { recursive: true, force: true });
  // Customer data and credentials: the owner's only, including what an earlier run left readable.
  keepOwnerOnly(config.dataDir);

  const stops: (() => Promise<void>)[] = [];
  const ready: Record<string, boolean> = {
    dynamodb: false,
    accountingSimulators: false,
    sqs: false,
    ses: false,
    secretsManager: false,
    stepFunctions: false,
    queuePollers: false,
    exportSweep: false,
    api: false,
  };
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };

  try {
    log('Synthesizing the CDK app for the state machines and the table…');
    const template = synthesizeFakturaTemplate(
      config.cdkContext ? { context: { ...config.cdkContext } } : {},
    );

    const dynamodb = await startDynamoDb({
      port: config.ports.dynamodb,
      host: config.host,
      dataDir: config.tuning.dynamodbInMemory ? undefined : resolve(config.dataDir, 'dynamodb'),
    });
    stops.push(dynamodb.stop);
    const sqs = await startSqs({ port: config.ports.sqs, host: config.host });
    stops.push(sqs.stop);
    const ses = await startSes({
      port: config.ports.ses,
      host: config.host,
      file: resolve(config.dataDir, 'sent-mail.json'),
    });
    stops.push(ses.stop);
    const secrets = await startSecretsManager({
      port: config.ports.secretsManager,
      host: config.host,
      file: resolve(config.dataDir, 'secrets.json'),
    });
    stops.push(secrets.stop);
    await ensureCursorKey(secrets.endpoint, config.region);

    const accounting = await startAccountingSimulators({
      host: config.host,
      economicPort: config.ports.economic,
      unicontaPort: config.ports.uniconta,
      economicUrl: process.env.ECONOMIC_API_URL,
      unicontaUrl: process.env.UNICONTA_API_URL,
    });
    stops.push(accounting.stop);
    ready.accountingSimulators = true;

    const queueSpecs = fakturaQueueSpecsFromTemplate(template);
    const { exportQueueVisibilitySeconds, retryIntervalScale } = config.tuning;
    const queues = await ensureQueues(
      sqs.endpoint,
      config.region,
      exportQueueVisibilitySeconds === undefined
        ? queueSpecs
        : withVisibilityTimeout(queueSpecs, fakturaQueueNames.exportRequests, exportQueueVisibilitySeconds),
    );
    const functions = createFunctionHost(repositoryRoot);
    // The close's state machine sends its automatic exports' requests itself (sqs:sendMessage).
    const queueSender = sqsMessageSender(sqs.endpoint, config.region);
    stops.push(queueSender.stop);
    const localQueueUrl = (logicalId: string) => {
      const queueName = localQueueNameOf(logicalId);
      if (!queueName) throw new Error(`A state machine sends to a queue unknown locally: ${logicalId}`);
      return sqs.queueUrl(queueName);
    };
    const stepFunctions = await startStepFunctions({
      port: config.ports.stepFunctions,
      host: config.host,
      region: config.region,
      // The monthly close runs only when asked (`npm run monthly-close`): nothing here schedules it.
      stateMachines: [
        { name: config.stateMachineName, definition: exportStateMachineDefinition(template) },
        {
          name: config.monthlyCloseStateMachineName,
          // The run starts its groups by ARN: this runtime's ARN of the group machine.
          definition: monthlyCloseStateMachineDefinition(
            template,
            () =>
              `arn:aws:states:${config.region}:${localAccountId}:stateMachine:${config.monthlyCloseGroupStateMachineName}`,
          ),
        },
        {
          name: config.monthlyCloseGroupStateMachineName,
          definition: monthlyCloseGroupStateMachineDefinition(template, localQueueUrl),
        },
      ],
      file: resolve(config.dataDir, 'step-functions.json'),
      invokeFunction: (name, payload) => functions.invoke(name as never, payload),
      sendMessage: queueSender.sendMessage,
      ...(retryIntervalScale === undefined ? {} : { retryIntervalScale }),
      // Executions a stop or a crash interrupted start again, but only once the functions they
      // call have their environment (below): until then a handler would not find the table.
      resumeInterrupted: 'on-call',
    });
    stops.push(stepFunctions.stop);

    Object.assign(
      process.env,
      handlerEnvironment(
        config,
        queues,
        {
          export: stepFunctions.stateMachineArns[config.stateMachineName]!,
          monthlyClose: stepFunctions.stateMachineArns[config.monthlyCloseStateMachineName]!,
        },
        accounting,
      ),
    );
    await ensureTable(dynamodb.endpoint, config.region, {
      ...tableDefinitionFromTemplate(template),
      TableName: config.tableName,
    });
    Object.assign(ready, { dynamodb: true, sqs: true, ses: true, secretsManager: true, stepFunctions: true });

    if (await seedDemoData()) log('Wrote the demo data set (reseller 65f000000000000000000001).');

    // Lambda's event source mappings, as the template has them: the export requests to the
    // consumer that starts the saga, the e-mails to the only function that reaches SES.
    for (const consumer of queueConsumers(template)) {
      const queueName = localQueueNameOf(consumer.queueLogicalId);
      if (!queueName) throw new Error(`${consumer.functionName} consumes a queue unknown locally`);
      const poller = startSqsPoller({
        endpoint: sqs.endpoint,
        region: config.region,
        queueUrl: sqs.queueUrl(queueName),
        batchSize: consumer.batchSize,
        functionName: consumer.functionName,
        functionTimeoutSeconds: consumer.timeoutSeconds,
        handler: (event) => functions.invoke(consumer.functionName as FunctionName, event),
      });
      stops.push(poller.stop);
    }
    ready.queuePollers = true;

    // EventBridge Scheduler's sweep of exports that never started (a message lost at a crash, or
    // with the queue, which keeps no messages across a restart here), as the stack schedules it.
    const { exportSweepSeconds } = config.tuning;
    const sweep = startRateSchedule({
      everyMs: (exportSweepSeconds ?? exportSweepEveryMinutes * 60) * 1000,
      invoke: () =>
        functions.invoke('export-sweep-queued', {
          startWithinSeconds: exportSweepSeconds ?? exportStartWithinSeconds,
        }),
      onError: (error) => log(`Export sweep failed: ${(error as Error).message ?? String(error)}`),
    });
    stops.push(sweep.stop);
    ready.exportSweep = true;

    const resumed = stepFunctions.resumeInterrupted();
    if (resumed.length > 0) {
      log(`Started again ${resumed.length} execution(s) the last stop interrupted, from the beginning.`);
    }

    const identity = await openLocalIdentity(identityKeyFile(config));
    const gateway = await startGateway({
      host: config.host,
      port: config.ports.api,
      functions,
      identity,
      health: async () => ({ ready: Object.values(ready).every(Boolean), components: { ...ready } }),
      log: (line) => {
        if (process.env.FAKTURA_ACCESS_LOG !== 'off') log(JSON.stringify({ source: 'gateway', ...line }));
      },
    });
    stops.push(gateway.stop);
    ready.api = true;

    log(
      [
        '',
        `Faktura is running: ${gateway.url}   (health: ${gateway.url}/health)`,
        `  DynamoDB Local  ${dynamodb.endpoint}`,
        `  SQS             ${sqs.endpoint}`,
        `  SES (mail)      ${ses.endpoint}   (sent mail: ${ses.endpoint}/store)`,
        `  Step Functions  ${stepFunctions.endpoint}`,
        `  Secrets Manager ${secrets.endpoint}`,
        `  e-conomic       ${accounting.economicUrl}   (tokens sim-app-secret-token / sim-agreement-grant-token)`,
        `  Uniconta        ${accounting.unicontaUrl}   (company 12345, sim-user / sim-password)`,
        `  data            ${config.dataDir}`,
        'A token: npm run --silent token -- --role ADMIN      Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
    return { config, apiUrl: gateway.url, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
