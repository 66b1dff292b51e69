import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureQueues, type LocalSqs, startSqs } from '../../src/services/sqs.ts';

/** The local SQS and Faktura's queues on it, through the real `@aws-sdk/client-sqs`. */
const region = 'eu-west-1';
let sqs: LocalSqs;
let client: SQSClient;

beforeAll(async () => {
  sqs = await startSqs({ port: 0, region });
  client = new SQSClient({
    endpoint: sqs.endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client?.destroy();
  await sqs?.stop();
});

describe('ensureQueues', () => {
  it("creates the export request and mail FIFO queues with the stack's attributes and their dead-letter queues", async () => {
    // Act
    const queues = await ensureQueues(sqs.endpoint, region);
    const { Attributes: main } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queues.exportQueueUrl, AttributeNames: ['All'] }),
    );
    const { Attributes: deadLetter } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queues.exportDeadLetterQueueUrl, AttributeNames: ['All'] }),
    );

    // Assess
    expect(queues).toEqual({
      exportQueueUrl: `http://127.0.0.1:${sqs.port}/000000000000/faktura-export-requests.fifo`,
      exportDeadLetterQueueUrl: `http://127.0.0.1:${sqs.port}/000000000000/faktura-export-requests-dlq.fifo`,
      mailQueueUrl: `http://127.0.0.1:${sqs.port}/000000000000/faktura-mail.fifo`,
      mailDeadLetterQueueUrl: `http://127.0.0.1:${sqs.port}/000000000000/faktura-mail-dlq.fifo`,
    });
    expect(main).toMatchObject({
      QueueArn: 'arn:aws:sqs:eu-west-1:000000000000:faktura-export-requests.fifo',
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      VisibilityTimeout: '180',
      MessageRetentionPeriod: '345600',
    });
    const redrive = JSON.parse(main!.RedrivePolicy!);
    expect({ ...redrive, maxReceiveCount: Number(redrive.maxReceiveCount) }).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:000000000000:faktura-export-requests-dlq.fifo',
      maxReceiveCount: 5,
    });
    expect(deadLetter).toMatchObject({ FifoQueue: 'true', MessageRetentionPeriod: '1209600' });
  });

  it('is idempotent', async () => {
    // Prepare
    const first = await ensureQueues(sqs.endpoint, region);

    // Act
    const second = await ensureQueues(sqs.endpoint, region);
    const { QueueUrls } = await client.send(new ListQueuesCommand({ QueueNamePrefix: 'faktura-' }));

    // Assess
    expect(second).toEqual(first);
    expect(QueueUrls?.sort()).toEqual(
      [
        first.exportDeadLetterQueueUrl,
        first.exportQueueUrl,
        first.mailDeadLetterQueueUrl,
        first.mailQueueUrl,
      ].sort(),
    );
  });
});

describe('the local SQS', () => {
  it('deduplicates FIFO messages by MessageDeduplicationId and reports system attributes with AttributeNames All', async () => {
    // Prepare
    const { exportQueueUrl } = await ensureQueues(sqs.endpoint, region);
    const message = {
      QueueUrl: exportQueueUrl,
      MessageBody: '{"exportId":"e1"}',
      MessageGroupId: 'r1#economic',
    };

    // Act
    const first = await client.send(new SendMessageCommand({ ...message, MessageDeduplicationId: 'e1' }));
    const duplicate = await client.send(new SendMessageCommand({ ...message, MessageDeduplicationId: 'e1' }));
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: exportQueueUrl,
        MaxNumberOfMessages: 10,
        AttributeNames: ['All'],
      }),
    );

    // Assess
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(Messages.map((received) => received.MessageId)).toEqual([first.MessageId]);
    expect(Messages[0]!.Attributes).toMatchObject({
      MessageGroupId: 'r1#economic',
      MessageDeduplicationId: 'e1',
      ApproximateReceiveCount: '1',
    });
  });

  it('answers a long poll as soon as a message arrives, not when the wait is over', async () => {
    // Prepare
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'long-poll' }));
    setTimeout(() => void client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'soon' })), 300);

    // Act
    const started = Date.now();
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 10 }),
    );

    // Assess
    expect(Messages.map((message) => message.Body)).toEqual(['soon']);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('takes no message for a long poll whose client has aborted', async () => {
    // Prepare
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'aborted-poll' }));
    const abort = new AbortController();
    const abandoned = client
      .send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }), { abortSignal: abort.signal })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    abort.abort();
    await abandoned;
    // The short poll in flight when the client aborted (~40 ms) may still take a message.
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Act
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'after the abort' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0, AttributeNames: ['All'] }),
    );

    // Assess
    expect(Messages.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount])).toEqual([
      ['after the abort', '1'],
    ]);
  });
});
