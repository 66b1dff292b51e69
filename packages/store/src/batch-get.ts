import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';

/**
 * Reads many items by key in as few round trips as DynamoDB allows (100 keys per call), asking
 * again for whatever it leaves unprocessed under load. Missing items are simply absent.
 */
export const batchGetAll = async (
  keys: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + 100);
    while (pending && pending.length > 0) {
      const response: BatchGetCommandOutput = await documentClient.send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }),
      );
      items.push(...(response.Responses?.[tableName()] ?? []));
      pending = response.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return items;
};
