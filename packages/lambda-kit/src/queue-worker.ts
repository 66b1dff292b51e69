import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logger } from './observability.ts';
import { InvalidWorkerInput, parseWorkerInput, workerHandler } from './worker-handler.ts';

/**
 * How a message body (JSON) is read: a zod schema, or a function that answers the message or
 * throws (for a worker that would otherwise bundle a schema library for a few strings).
 */
export type MessageReader<Message> = z.ZodMiniType<Message> | ((body: unknown) => Message);

export interface QueueWorkerDefinition<Message> {
  readonly message: MessageReader<Message>;
  readonly handle: (message: Message, record: SQSRecord) => Promise<void>;
}

const messageOf = <Message>(read: MessageReader<Message>, record: SQSRecord): Message => {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  if (typeof read !== 'function') return parseWorkerInput(read, body);
  try {
    return read(body);
  } catch (error) {
    throw new InvalidWorkerInput(`The worker's input is invalid: ${(error as Error).message}`);
  }
};

/**
 * A consumer of a FIFO queue that reports partial batch failures: each message is parsed by its
 * schema and handled in order; one that is malformed or fails is logged and reported as a batch
 * item failure (SQS delivers it again, then to the dead-letter queue), and so are the later
 * messages of its group, which must keep their order.
 */
export const queueWorker = <Message>({ message, handle }: QueueWorkerDefinition<Message>) =>
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
