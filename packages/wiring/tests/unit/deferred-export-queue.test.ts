import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { deferredExportQueue } from '../../src/deferred-export-queue.ts';
import { sqsExportQueue } from '../../src/sqs-export-queue.ts';

const job = { id: 'a'.repeat(24), reseller: 'b'.repeat(24), system: 'uniconta' as const };

describe('deferredExportQueue', () => {
  it('keeps each request as the message the SQS client would have sent, in order', async () => {
    // Prepare
    const sqs = new SQSClient({ region: 'eu-west-1' });
    const sqsMock = mockClient(sqs);
    const deferred = deferredExportQueue();

    // Act
    await deferred.sendExportRequest(job);
    await deferred.sendExportRequest({ ...job, system: 'economic' }, 1);
    await sqsExportQueue(sqs, () => 'q').sendExportRequest(job);
    await sqsExportQueue(sqs, () => 'q').sendExportRequest({ ...job, system: 'economic' }, 1);

    // Assess
    expect(deferred.messages).toEqual([
      {
        MessageBody: JSON.stringify({ exportId: job.id, reseller: job.reseller, system: 'uniconta' }),
        MessageGroupId: `${job.reseller}#uniconta`,
        MessageDeduplicationId: job.id,
      },
      {
        MessageBody: JSON.stringify({ exportId: job.id, reseller: job.reseller, system: 'economic' }),
        MessageGroupId: `${job.reseller}#economic`,
        MessageDeduplicationId: `${job.id}-requeue-1`,
      },
    ]);
    expect(
      sqsMock.commandCalls(SendMessageCommand).map(({ args: [{ input }] }) => {
        const { QueueUrl, ...message } = input;
        return message;
      }),
    ).toEqual(deferred.messages);
  });

  it('starts empty: each invocation answers only its own messages', () => {
    // Act & Assess
    expect(deferredExportQueue().messages).toEqual([]);
  });
});
