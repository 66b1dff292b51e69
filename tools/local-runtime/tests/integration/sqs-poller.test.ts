import { createHash } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureQueueSpecs, type LocalSqs, startSqs } from '../../src/services/sqs.ts';
import { type SqsPoller, startSqsPoller } from '../../src/services/sqs-poller.ts';

/**
 * The SQS poller against the local SQS: Lambda's event shape, deletion after success, partial
 * batch responses, redrive of a poisoned message to the dead-letter queue, FIFO group order.
 * Queues here have a 1 s visibility timeout and a maxReceiveCount of 2, to keep the tests short.
 */
const region = 'eu-west-1';
let sqs: LocalSqs;
let client: SQSClient;
let pollers: SqsPoller[] = [];
let counter = 0;

/** A fresh queue (FIFO or standard) with its own dead-letter queue. */
const freshQueue = async (fifo: boolean) => {
  const suffix = fifo ? '.fifo' : '';
  const name = `q${++counter}`;
  const fifoAttributes: Record<string, string> = fifo
    ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' }
    : {};
  const urls = await ensureQueueSpecs(client, [
    { name: `${name}-dlq${suffix}`, attributes: fifoAttributes },
    {
      name: `${name}${suffix}`,
      attributes: { ...fifoAttributes, VisibilityTimeout: '1' },
      deadLetter: { queueName: `${name}-dlq${suffix}`, maxReceiveCount: 2 },
    },
  ]);
  return {
    name: `${name}${suffix}`,
    url: urls[`${name}${suffix}`]!,
    deadLetterUrl: urls[`${name}-dlq${suffix}`]!,
  };
};

const poll = (queueUrl: string, handler: (event: SQSEvent, context: Context) => unknown, batchSize = 10) => {
  const poller = startSqsPoller({
    client,
    region,
    queueUrl,
    handler,
    batchSize,
    waitTimeSeconds: 1,
    functionName: 'export-request-consumer',
    onError: () => undefined,
  });
  pollers.push(poller);
  return poller;
};

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const depth = async (queueUrl: string) => {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
};

beforeAll(async () => {
  sqs = await startSqs({ port: 0, region });
  client = new SQSClient({
    endpoint: sqs.endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterEach(async () => {
  await Promise.all(pollers.map((poller) => poller.stop()));
  pollers = [];
});

afterAll(async () => {
  client?.destroy();
  await sqs?.stop();
});

describe('the SQS poller', () => {
  it("hands the handler Lambda's SQSEvent and a Lambda context, then deletes the message", async () => {
    // Prepare
    const queue = await freshQueue(true);
    const body = JSON.stringify({ exportId: '65f0000000000000000000e1' });
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: body,
        MessageGroupId: 'r1#economic',
        MessageAttributes: { tenant: { DataType: 'String', StringValue: 'r1' } },
      }),
    );
    const calls: { event: SQSEvent; context: Context }[] = [];

    // Act
    poll(queue.url, (event, context) => {
      calls.push({ event, context });
    });
    await until(() => calls.length === 1);
    await until(async () => (await depth(queue.url)) === 0);

    // Assess
    const { event, context } = calls[0]!;
    expect(event.Records).toHaveLength(1);
    const record = event.Records[0]!;
    expect(record).toEqual({
      messageId: sent.MessageId,
      receiptHandle: expect.any(String),
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
        SequenceNumber: sent.SequenceNumber,
        MessageGroupId: 'r1#economic',
        MessageDeduplicationId: createHash('sha256').update(body).digest('hex'),
      },
      messageAttributes: {
        tenant: { stringValue: 'r1', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
      md5OfBody: createHash('md5').update(body).digest('hex'),
      md5OfMessageAttributes: sent.MD5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${region}:000000000000:${queue.name}`,
      awsRegion: region,
    });
    expect(context).toMatchObject({
      functionName: 'export-request-consumer',
      invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:export-request-consumer`,
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(25_000);
  });

  it('deletes what a partial batch response does not list, and redelivers what it lists', async () => {
    // Prepare
    const queue = await freshQueue(false);
    const ids: Record<string, string> = {};
    for (const body of ['m1', 'm2', 'm3']) {
      ids[body] = (await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body })))
        .MessageId!;
    }
    const deliveries: { body: string; receiveCount: string }[] = [];

    // Act
    poll(queue.url, (event) => {
      for (const record of event.Records) {
        deliveries.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
      }
      const failed = event.Records.filter(
        (record) => record.body === 'm2' && record.attributes.ApproximateReceiveCount === '1',
      );
      return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) };
    });
    await until(() => deliveries.length === 4);
    await until(async () => (await depth(queue.url)) === 0);

    // Assess
    expect(
      deliveries
        .slice(0, 3)
        .map((delivery) => delivery.body)
        .sort(),
    ).toEqual(['m1', 'm2', 'm3']);
    expect(deliveries[3]).toEqual({ body: 'm2', receiveCount: '2' });
  });

  it('deletes nothing when the handler throws; after maxReceiveCount SQS moves the message to the dead-letter queue', async () => {
    // Prepare
    const queue = await freshQueue(false);
    const sent = await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }));
    const receiveCounts: string[] = [];

    // Act
    poll(queue.url, (event) => {
      receiveCounts.push(...event.Records.map((record) => record.attributes.ApproximateReceiveCount));
      throw new Error('cannot parse the export request');
    });
    let deadLettered: string | undefined;
    await until(async () => {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({ QueueUrl: queue.deadLetterUrl }),
      );
      deadLettered = Messages[0]?.MessageId;
      return Messages.length > 0;
    });

    // Assess
    expect(receiveCounts).toEqual(['1', '2']);
    expect(deadLettered).toBe(sent.MessageId);
    expect(await depth(queue.url)).toBe(0);
  });

  it('keeps FIFO group order: a later message of a group waits while an earlier one is in flight', async () => {
    // Prepare
    const queue = await freshQueue(true);
    for (const [body, group] of [
      ['a1', 'a'],
      ['a2', 'a'],
      ['b1', 'b'],
    ]) {
      await client.send(
        new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body, MessageGroupId: group }),
      );
    }
    const handled: string[] = [];
    let failedOnce = false;

    // Act
    poll(
      queue.url,
      (event) => {
        for (const record of event.Records) {
          if (record.body === 'a1' && !failedOnce) {
            failedOnce = true;
            handled.push('a1 (failed)');
            throw new Error('accounting system unavailable');
          }
          handled.push(record.body);
        }
      },
      1,
    );
    await until(() => handled.includes('a2') && handled.includes('b1'));
    await until(async () => (await depth(queue.url)) === 0);

    // Assess: within a group, a2 is never handled before a1 has succeeded. SQS delivers at least
    // once (a message may come again under load, as in AWS; the consumers are idempotent), so
    // first occurrences are what order is judged by; and the other group is not lost.
    const firstOf = (body: string) => handled.indexOf(body);
    expect(handled[0]).toBe('a1 (failed)');
    expect(firstOf('a1')).toBeGreaterThan(firstOf('a1 (failed)'));
    expect(firstOf('a2')).toBeGreaterThan(firstOf('a1'));
    expect(firstOf('b1')).toBeGreaterThan(0);
  });

  it('fails the batch when the handler runs past its timeout', async () => {
    // Prepare
    const queue = await freshQueue(false);
    await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'slow' }));
    const receiveCounts: string[] = [];
    const poller = startSqsPoller({
      client,
      region,
      queueUrl: queue.url,
      waitTimeSeconds: 1,
      functionTimeoutSeconds: 0.1,
      onError: () => undefined,
      handler: async (event) => {
        const count = event.Records[0]!.attributes.ApproximateReceiveCount;
        receiveCounts.push(count);
        if (count === '1') await new Promise((resolve) => setTimeout(resolve, 300));
      },
    });
    pollers.push(poller);

    // Act
    await until(() => receiveCounts.length === 2);
    await until(async () => (await depth(queue.url)) === 0);

    // Assess
    expect(receiveCounts).toEqual(['1', '2']);
  });

  it('stops at once, aborting its long poll', async () => {
    // Prepare
    const queue = await freshQueue(false);
    const poller = startSqsPoller({
      client,
      region,
      queueUrl: queue.url,
      waitTimeSeconds: 20,
      handler: () => undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Act
    const started = Date.now();
    await poller.stop();
    await poller.stop();

    // Assess
    expect(Date.now() - started).toBeLessThan(500);
  });
});
