import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/**
 * Puts and deletes many items in as few round trips as DynamoDB allows (25 per call), sending
 * again whatever it leaves unprocessed under load. Not a transaction: for writes that are each
 * right on their own (export tracking's pending items), never for a whole that must hold together.
 */
export const batchWriteAll = async (db: Db, requests: readonly WriteRequest[]): Promise<void> => {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: WriteRequest[] | undefined = requests.slice(start, start + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      // Unprocessed items mean the table is busy: wait a little longer each time, as AWS advises.
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** Math.min(attempt, 6)));
      const response: BatchWriteCommandOutput = await db.client.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }),
      );
      pending = response.UnprocessedItems?.[db.tableName];
    }
  }
};
