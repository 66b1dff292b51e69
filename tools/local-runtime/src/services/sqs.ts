import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  type SendMessageCommandInput,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createRequestHandler } from 'local-aws-sqs';
import {
  closeServer,
  defaultRegion,
  endpointFor,
  type LocalService,
  listen,
  localAccountId,
  localCredentials,
  once,
} from './local-service.ts';

/**
 * SQS, in process: `local-aws-sqs` (the JSON protocol of the current `@aws-sdk/client-sqs`, long
 * polling, visibility timeouts, FIFO deduplication, redrive to a dead-letter queue once a message
 * has been received `maxReceiveCount` times and its visibility timeout ran out).
 *
 * What it does not do, and what the local runtime does about it:
 * - Its long poll answers only when the batch is full or the wait is over (AWS answers as soon as
 *   a message is there), and it keeps polling for a client that has gone (a message that arrives
 *   then is taken for nobody and stays invisible for its visibility timeout). So a small front
 *   server answers ReceiveMessage with `WaitTimeSeconds` > 0 itself, by short polls, as soon as
 *   there is a message, and stops when the client aborts; everything else passes through.
 * - It keeps messages in memory only: queued messages do not survive a restart (the queues
 *   themselves are re-created at start by `ensureQueues`). Acceptable: an export request lost this
 *   way is one the user sees not started, and can request again.
 * - It does not hold back the later messages of a FIFO message group while an earlier one is in
 *   flight (AWS does); `sqs-poller.ts` enforces that order on the consumer side.
 * - It ignores `MessageSystemAttributeNames` on ReceiveMessage: ask with `AttributeNames: ['All']`.
 */
export interface SqsOptions {
  /** 0: a free port. */
  readonly port: number;
  readonly host?: string;
  /** The region in queue ARNs. */
  readonly region?: string;
}

export interface LocalSqs extends LocalService {
  readonly region: string;
  /** The URL a queue of this name has on this server. */
  readonly queueUrl: (queueName: string) => string;
  /** The ARN a queue of this name has on this server. */
  readonly queueArn: (queueName: string) => string;
}

export const startSqs = async (options: SqsOptions): Promise<LocalSqs> => {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? defaultRegion;
  const { requestHandler, service } = createRequestHandler({
    port: options.port,
    hostname: host,
    region,
    accountId: localAccountId,
    // AWS makes a deleted queue's name wait 60 s; locally that only slows tests down.
    emulateQueueCreationLifecycle: false,
  });
  const inner = createServer((request, response) => {
    void requestHandler(request, response);
  });
  const innerPort = await listen(inner, 0, '127.0.0.1');
  const front = createServer((request, response) => {
    void serveFront(innerPort, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
    });
  });
  let port: number;
  try {
    port = await listen(front, options.port, host);
  } catch (error) {
    await closeServer(inner);
    throw error;
  }
  // Queue URLs carry the port; with port 0 it is known only now.
  service.PORT = port;
  const endpoint = endpointFor(host, port);
  return {
    endpoint,
    port,
    region,
    queueUrl: (queueName) => `http://${host}:${port}/${localAccountId}/${queueName}`,
    queueArn: (queueName) => `arn:aws:sqs:${region}:${localAccountId}:${queueName}`,
    stop: once(async () => {
      await closeServer(front);
      await closeServer(inner);
    }),
  };
};

/* The front server: long polls answered as AWS answers them. */

interface Forwarded {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const readAll = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const forward = (port: number, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) =>
  new Promise<Forwarded>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (incoming) => {
        readAll(incoming).then(
          (data) => resolve({ status: incoming.statusCode ?? 500, headers: incoming.headers, body: data }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

const jsonTarget = (operation: string) => `AmazonSQS.${operation}`;

const serveFront = async (innerPort: number, request: IncomingMessage, response: ServerResponse) => {
  const body = await readAll(request);
  const method = request.method ?? 'POST';
  const path = request.url ?? '/';
  let gone = false;
  response.on('close', () => {
    if (!response.writableEnded) gone = true;
  });
  const reply = (answer: Forwarded) => {
    if (gone) return;
    const { 'transfer-encoding': _chunked, connection: _connection, ...headers } = answer.headers;
    response.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
    response.end(answer.body);
  };

  let input: { WaitTimeSeconds?: unknown; QueueUrl?: unknown } | undefined;
  if (request.headers['x-amz-target'] === jsonTarget('ReceiveMessage')) {
    try {
      input = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      input = undefined;
    }
  }
  const wait = Number(input?.WaitTimeSeconds ?? 0);
  if (!input || !(wait > 0)) {
    reply(await forward(innerPort, method, path, request.headers, body));
    return;
  }

  const shortPoll = Buffer.from(JSON.stringify({ ...input, WaitTimeSeconds: 0 }));
  const deadline = Date.now() + wait * 1000;
  for (;;) {
    const answer = await forward(innerPort, method, path, request.headers, shortPoll);
    const messages =
      answer.status === 200
        ? ((JSON.parse(answer.body.toString('utf8') || '{}') as { Messages?: { ReceiptHandle?: string }[] })
            .Messages ?? [])
        : [];
    if (gone && messages.length > 0) {
      // The client aborted while these were taken: make them visible again at once.
      const release = {
        QueueUrl: input.QueueUrl,
        Entries: messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        })),
      };
      const headers = { ...request.headers, 'x-amz-target': jsonTarget('ChangeMessageVisibilityBatch') };
      await forward(innerPort, method, path, headers, Buffer.from(JSON.stringify(release)));
      return;
    }
    if (gone) return;
    if (answer.status !== 200 || messages.length > 0 || Date.now() >= deadline) {
      reply(answer);
      return;
    }
  }
};

/* Faktura's queues. */

export interface QueueSpec {
  readonly name: string;
  /** CreateQueue attributes, as the API takes them (strings), without RedrivePolicy. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Where messages go after `maxReceiveCount` receives: a queue listed before this one. */
  readonly deadLetter?: { readonly queueName: string; readonly maxReceiveCount: number };
}

export const fakturaQueueNames = {
  exportRequests: 'faktura-export-requests.fifo',
  exportRequestsDeadLetter: 'faktura-export-requests-dlq.fifo',
  mail: 'faktura-mail.fifo',
  mailDeadLetter: 'faktura-mail-dlq.fifo',
} as const;

/**
 * Faktura's queues as the stack builds them (infra/constructs/consumed-fifo-queue.ts): the id of
 * the construct in the stack (which the template's logical ids begin with) and the local names of
 * the queue and its dead-letter queue (the template names neither).
 */
const fakturaQueues = [
  {
    constructId: 'ExportRequests',
    name: fakturaQueueNames.exportRequests,
    deadLetterName: fakturaQueueNames.exportRequestsDeadLetter,
    size: {},
  },
  {
    constructId: 'Mail',
    name: fakturaQueueNames.mail,
    deadLetterName: fakturaQueueNames.mailDeadLetter,
    size: { MaximumMessageSize: '1048576' },
  },
] as const;

const consumedFifoQueueSpecs = (
  name: string,
  deadLetterName: string,
  size: Readonly<Record<string, string>>,
): QueueSpec[] => [
  {
    name: deadLetterName,
    attributes: {
      ...size,
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      MessageRetentionPeriod: '1209600',
    },
  },
  {
    name,
    attributes: {
      ...size,
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      MessageRetentionPeriod: '345600',
      VisibilityTimeout: '180',
    },
    deadLetter: { queueName: deadLetterName, maxReceiveCount: 5 },
  },
];

/**
 * The export request queue, the mail queue and their dead-letter queues with the attributes the
 * CDK stack gives them. Prefer `fakturaQueueSpecsFromTemplate(template)`, which reads the
 * attributes from the template itself.
 */
export const fakturaQueueSpecs: readonly QueueSpec[] = fakturaQueues.flatMap(
  ({ name, deadLetterName, size }) => consumedFifoQueueSpecs(name, deadLetterName, size),
);

type Template = { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> };

/** The `AWS::SQS::Queue` properties that shape local behaviour, as CreateQueue attributes. */
const queueAttributeNames = [
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
] as const;

const queueAttributes = (properties: Record<string, unknown>, where: string): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (const name of queueAttributeNames) {
    const value = properties[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new Error(
        `${where}.${name} is ${JSON.stringify(value)}; only literal values can be used locally`,
      );
    }
    attributes[name] = String(value);
  }
  return attributes;
};

/** CDK's logical id of `<constructId>/<child>/Resource`: the path's ids, then an 8-character hash. */
const logicalIdOf = (constructId: string, child: string) => new RegExp(`^${constructId}${child}[0-9A-F]{8}$`);

/** The local name of the template's queue `logicalId` (a queue or a dead-letter queue of Faktura's). */
export const localQueueNameOf = (logicalId: string): string | undefined => {
  for (const { constructId, name, deadLetterName } of fakturaQueues) {
    if (logicalIdOf(constructId, 'Queue').test(logicalId)) return name;
    if (logicalIdOf(constructId, 'DeadLetterQueue').test(logicalId)) return deadLetterName;
  }
  return undefined;
};

/**
 * Faktura's queue specs with the attributes read from the synthesized template, so that the local
 * queues cannot drift from the deployed ones: each queue is the template's queue of its construct,
 * its dead-letter queue the one its redrive policy points at.
 */
export const fakturaQueueSpecsFromTemplate = (template: Template): QueueSpec[] => {
  const queues = Object.entries(template.Resources ?? {}).filter(
    ([, resource]) => resource.Type === 'AWS::SQS::Queue',
  );
  return fakturaQueues.flatMap(({ constructId, name, deadLetterName }) => {
    const source = queues.find(([logicalId]) => logicalIdOf(constructId, 'Queue').test(logicalId));
    if (!source) throw new Error(`The template has no queue of ${constructId}`);
    const [sourceId, { Properties: properties = {} }] = source;
    const redrive = properties.RedrivePolicy as
      | { deadLetterTargetArn?: { 'Fn::GetAtt'?: [string, string] }; maxReceiveCount?: unknown }
      | undefined;
    const deadLetterId = redrive?.deadLetterTargetArn?.['Fn::GetAtt']?.[0];
    const deadLetter = queues.find(([logicalId]) => logicalId === deadLetterId);
    if (!redrive || !deadLetter)
      throw new Error(`${sourceId}.RedrivePolicy does not point at a queue of the template`);
    return [
      { name: deadLetterName, attributes: queueAttributes(deadLetter[1].Properties ?? {}, deadLetter[0]) },
      {
        name,
        attributes: queueAttributes(properties, sourceId),
        deadLetter: { queueName: deadLetterName, maxReceiveCount: Number(redrive.maxReceiveCount) },
      },
    ];
  });
};

/**
 * The specs with one queue's visibility timeout replaced: the local runtime's
 * `FAKTURA_LOCAL_QUEUE_VISIBILITY_SECONDS`, so that a test can see a message go round
 * `maxReceiveCount` times to the dead-letter queue in seconds rather than in 5 × 180 s.
 */
export const withVisibilityTimeout = (
  specs: readonly QueueSpec[],
  queueName: string,
  seconds: number,
): QueueSpec[] =>
  specs.map((spec) =>
    spec.name === queueName
      ? { ...spec, attributes: { ...spec.attributes, VisibilityTimeout: String(seconds) } }
      : spec,
  );

/**
 * Creates each queue that does not exist yet and sets the spec's attributes on those that do, in
 * the order given (dead-letter queues first). Idempotent. Returns queue name → URL.
 */
export const ensureQueueSpecs = async (
  client: SQSClient,
  specs: readonly QueueSpec[],
): Promise<Record<string, string>> => {
  const urls: Record<string, string> = {};
  const urlOf = async (name: string): Promise<string | undefined> => {
    if (urls[name]) return urls[name];
    try {
      return (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
    } catch (error) {
      if ((error as Error).name === 'QueueDoesNotExist') return undefined;
      throw error;
    }
  };
  for (const spec of specs) {
    const attributes: Record<string, string> = { ...spec.attributes };
    if (spec.deadLetter) {
      const deadLetterUrl = await urlOf(spec.deadLetter.queueName);
      if (!deadLetterUrl)
        throw new Error(`Dead-letter queue ${spec.deadLetter.queueName} of ${spec.name} does not exist`);
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['QueueArn'] }),
      );
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: Attributes?.QueueArn,
        maxReceiveCount: spec.deadLetter.maxReceiveCount,
      });
    }
    const existing = await urlOf(spec.name);
    if (existing) {
      const { FifoQueue: _immutable, ...mutable } = attributes;
      if (Object.keys(mutable).length > 0) {
        await client.send(new SetQueueAttributesCommand({ QueueUrl: existing, Attributes: mutable }));
      }
      urls[spec.name] = existing;
    } else {
      const { QueueUrl } = await client.send(
        new CreateQueueCommand({ QueueName: spec.name, Attributes: attributes }),
      );
      if (!QueueUrl) throw new Error(`CreateQueue ${spec.name} returned no QueueUrl`);
      urls[spec.name] = QueueUrl;
    }
  }
  return urls;
};

/**
 * SendMessage on the SQS at `endpoint`, with the real client: what the Step Functions shim's
 * `sqs:sendMessage` Tasks call (the monthly close queues its automatic exports so). Answers SQS's
 * output without the SDK's `$metadata`; an SQS error is thrown as the SDK throws it.
 */
export const sqsMessageSender = (
  endpoint: string,
  region: string = defaultRegion,
): {
  readonly sendMessage: (parameters: Record<string, unknown>) => Promise<Record<string, unknown>>;
  readonly stop: () => Promise<void>;
} => {
  const client = new SQSClient({ endpoint, region, credentials: localCredentials });
  return {
    sendMessage: async (parameters) => {
      const { $metadata, ...answer } = await client.send(
        new SendMessageCommand(parameters as unknown as SendMessageCommandInput),
      );
      return answer;
    },
    stop: async () => client.destroy(),
  };
};

export interface FakturaQueues {
  readonly exportQueueUrl: string;
  readonly exportDeadLetterQueueUrl: string;
  readonly mailQueueUrl: string;
  readonly mailDeadLetterQueueUrl: string;
}

/** Ensures Faktura's queues (default: `fakturaQueueSpecs`) on the SQS at `endpoint`. */
export const ensureQueues = async (
  endpoint: string,
  region: string = defaultRegion,
  specs: readonly QueueSpec[] = fakturaQueueSpecs,
): Promise<FakturaQueues> => {
  const client = new SQSClient({ endpoint, region, credentials: localCredentials });
  try {
    const urls = await ensureQueueSpecs(client, specs);
    const urlOf = (name: string) => {
      const url = urls[name];
      if (!url) throw new Error(`The queue specs lack Faktura's queue ${name}`);
      return url;
    };
    return {
      exportQueueUrl: urlOf(fakturaQueueNames.exportRequests),
      exportDeadLetterQueueUrl: urlOf(fakturaQueueNames.exportRequestsDeadLetter),
      mailQueueUrl: urlOf(fakturaQueueNames.mail),
      mailDeadLetterQueueUrl: urlOf(fakturaQueueNames.mailDeadLetter),
    };
  } finally {
    client.destroy();
  }
};
