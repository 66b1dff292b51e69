/**
 * A function's floor: the least its bundle can weigh without leaving the design brief
 * (docs/design-brief.md): the SDK clients the function uses, each made at import as the wiring
 * makes it and sent one command, Powertools' logger through middy (and its metrics, where the
 * function publishes some: every worker, the API's export request), and, for an API function, a
 * request read with zod/mini in English. No code of Faktura. What the function's
 * bundle weighs beyond its floor is Faktura's; a goal its floor misses, no code of Faktura can meet.
 */

/** The SDK clients a function may use, by the package name esbuild's metafile shows. */
export const floorClients = {
  'client-dynamodb': {
    imports: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';`,
    make: 'const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
    send: 'await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: id, sk: id } }));',
  },
  'client-sqs': {
    imports: "import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';",
    make: 'const sqs = new SQSClient({});',
    send: 'await sqs.send(new SendMessageCommand({ QueueUrl: process.env.EXPORT_QUEUE_URL, MessageBody: id }));',
  },
  'client-sfn': {
    imports: "import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';",
    make: 'const sfn = new SFNClient({});',
    send: 'await sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.STATE_MACHINE_ARN, input: id }));',
  },
  'client-secrets-manager': {
    imports: "import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
    make: 'const secrets = new SecretsManagerClient({});',
    send: 'await secrets.send(new GetSecretValueCommand({ SecretId: id }));',
  },
  'client-sesv2': {
    imports: "import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';",
    make: 'const ses = new SESv2Client({});',
    send: 'await ses.send(new SendEmailCommand({ FromEmailAddress: id, Content: { Raw: { Data: new Uint8Array() } } }));',
  },
} as const;

export type FloorClient = keyof typeof floorClients;

/** The SDK clients among a bundle's inputs (esbuild metafile paths). */
export const clientsAmong = (inputs: readonly string[]): FloorClient[] =>
  Object.keys(floorClients).filter((client) =>
    inputs.some((input) => input.includes(`node_modules/@aws-sdk/${client}/`)),
  ) as FloorClient[];

/** Whether a bundle holds Powertools Metrics (esbuild metafile paths): it publishes metrics. */
export const publishesMetrics = (inputs: readonly string[]): boolean =>
  inputs.some((input) => input.includes('node_modules/@aws-lambda-powertools/metrics/'));

/**
 * The floor's source: a handler that makes `clients`, publishes metrics if `metrics`, and, for an
 * API function, reads its request.
 */
export const floorSource = (
  kind: 'api' | 'worker',
  clients: readonly FloorClient[],
  { metrics }: { readonly metrics: boolean },
): string => {
  const used = clients.map((client) => floorClients[client]);
  const request =
    kind === 'api'
      ? {
          imports: "import * as z from 'zod/mini';\nimport { en } from 'zod/locales';\nz.config(en());",
          make: 'const Request = z.strictObject({ id: z.string().check(z.minLength(1)) });',
          read: 'const { id } = Request.parse(event);',
        }
      : { imports: '', make: '', read: 'const { id } = event;' };
  return [
    "import { Logger } from '@aws-lambda-powertools/logger';",
    "import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';",
    ...(metrics
      ? [
          "import { Metrics } from '@aws-lambda-powertools/metrics';",
          "import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';",
        ]
      : []),
    "import middy from '@middy/core';",
    request.imports,
    ...used.map((client) => client.imports),
    'const logger = new Logger();',
    metrics ? "const metrics = new Metrics({ namespace: 'Faktura' });" : '',
    request.make,
    ...used.map((client) => client.make),
    'export const handler = middy(async (event: { id: string }) => {',
    `  ${request.read}`,
    ...used.map((client) => `  ${client.send}`),
    `}).use(injectLambdaContext(logger))${metrics ? '.use(logMetrics(metrics))' : ''};`,
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
};
