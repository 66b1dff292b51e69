import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sqsExportQueue } from '../../src/sqs-export-queue.ts';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/exports.fifo';
const sqs = new SQSClient({ region: 'eu-west-1' });
const sqsMock = mockClient(sqs);
const queue = sqsExportQueue(sqs, () => queueUrl);
const job = { id: 'a'.repeat(24), reseller: 'b'.repeat(24), system: 'economic' as const };

describe('sqsExportQueue', () => {
  beforeEach(() => sqsMock.reset());

  it('sends the first request in the reseller and system’s group, deduplicated by the job', async () => {
    // Act
    await queue.sendExportRequest(job);

    // Assess
    expect(sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([
      {
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({ exportId: job.id, reseller: job.reseller, system: 'economic' }),
        MessageGroupId: `${job.reseller}#economic`,
        MessageDeduplicationId: job.id,
      },
    ]);
  });

  it('gives a re-sent request a deduplication id of its own, or FIFO would drop it', async () => {
    // Act
    await queue.sendExportRequest(job, 2);

    // Assess
    expect(sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageDeduplicationId).toBe(
      `${job.id}-requeue-2`,
    );
  });
});
