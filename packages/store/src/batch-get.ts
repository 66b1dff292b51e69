import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';

/**
 * Reads many items by key in as few round trips as DynamoDB allows (100 keys per call), asking
 * again for whatever it leaves unprocessed under load. Missing items are simply absent; a key
 * given twice is read once.
 */
export const batchGetAll = async (
  db: Db,
  given: readonly Record<string, unknown>[],
  /** Strongly consistent reads: what was written just before is there (twice the read cost). */
  options: { readonly consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> => {
  // DynamoDB refuses a request that names the same key twice.
  const keys = [...new Map(given.map((key) => [JSON.stringify(key), key])).values()];
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + 100);
    while (pending && pending.length > 0) {
      const response: BatchGetCommandOutput = await db.client.send(
        new BatchGetCommand({
          RequestItems: {
            [db.tableName]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) },
          },
        }),
      );
      items.push(...(response.Responses?.[db.tableName] ?? []));
      pending = response.UnprocessedKeys?.[db.tableName]?.Keys;
    }
  }
  return items;
};
