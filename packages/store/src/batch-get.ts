import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { inLanes } from './in-lanes.ts';

/**
 * Calls in flight at once: the export request reads the customers of 20,000 invoices (200 calls)
 * within API Gateway's 29 s, and one call after the other spent most of it waiting.
 */
const callsInFlight = 4;

/**
 * Reads many items by key in as few round trips as DynamoDB allows (100 keys per call, a few calls
 * at once), asking again for whatever it leaves unprocessed under load. Missing items are simply
 * absent, and the items come in no particular order; a key given twice is read once.
 */
export const batchGetAll = async (
  db: Db,
  given: readonly Record<string, unknown>[],
  /** Strongly consistent reads: what was written just before is there (twice the read cost). */
  options: { readonly consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> => {
  // DynamoDB refuses a request that names the same key twice.
  const keys = [...new Map(given.map((key) => [JSON.stringify(key), key])).values()];
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < keys.length; start += 100) chunks.push(keys.slice(start, start + 100));
  const items: Record<string, unknown>[] = [];
  const readChunk = async (chunk: Record<string, unknown>[]): Promise<void> => {
    let pending: Record<string, unknown>[] | undefined = chunk;
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
  };
  await inLanes(chunks, callsInFlight, readChunk);
  return items;
};
