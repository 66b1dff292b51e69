import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';

/**
 * Every item a query matches, following DynamoDB's pages (1 MB each). For partitions that are
 * bounded by design (one invoice, one export, one customer's current items), never for lists that
 * grow without end: those page with a cursor.
 */
export const queryAll = async (
  db: Db,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'TableName'>,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({ TableName: db.tableName, ...input, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};
