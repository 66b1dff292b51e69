import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import { logger } from './observability.ts';
import { parseWorkerInput, workerHandler } from './worker-handler.ts';

export interface QueueWorkerDefinition<Schema extends z.ZodType> {
  /** Each message body (JSON) must have this form. */
  readonly message: Schema;
  readonly handle: (message: z.output<Schema>, record: SQSRecord) => Promise<void>;
}

const messageOf = <Schema extends z.ZodType>(schema: Schema, record: SQSRecord): z.output<Schema> => {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return parseWorkerInput(schema, undefined);
  }
  return parseWorkerInput(schema, body);
};

/**
 * A consumer of a FIFO queue that reports partial batch failures: each message is parsed by its
 * schema and handled in order; one that is malformed or fails is logged and reported as a batch
 * item failure (SQS delivers it again, then to the dead-letter queue), and so are the later
 * messages of its group, which must keep their order.
 */
export const queueWorker = <Schema extends z.ZodType>({ message, handle }: QueueWorkerDefinition<Schema>) =>
  workerHandler(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const failedGroups = new Set<string>();
    for (const record of event.Records) {
      const group = record.attributes.MessageGroupId ?? '';
      if (failedGroups.has(group)) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      try {
        await handle(messageOf(message, record), record);
      } catch (error) {
        logger.error('Queue message could not be handled', {
          messageId: record.messageId,
          error: error as Error,
        });
        failedGroups.add(group);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
