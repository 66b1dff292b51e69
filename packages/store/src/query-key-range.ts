import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { inLanes } from './in-lanes.ts';
import { splitKeyRange } from './key-range-split.ts';
import { queryAll } from './query-all.ts';

/** One partition of an index, and the sort keys wanted of it: [from, to]. */
export interface KeyRange {
  readonly indexName: string;
  readonly partitionKey: { readonly name: string; readonly value: string };
  readonly sortKey: {
    readonly name: string;
    readonly from: string;
    readonly to: string;
    /** What the sort keys are made of, ascending: how the rest is split (key-range-split.ts). */
    readonly characters: string;
  };
}

/**
 * Ranges the rest is cut into, and how many are read at once. A month-end export request reads
 * 20,000 invoice headers (18 pages of 1 MB) before API Gateway's 29 s are up; page after page that
 * took 7–21 s on DynamoDB Local, 16 ranges 4 at a time 1.5–1.7 s (docs/performance.md). More
 * ranges than lanes, because keys bunch (ids begin with their second of creation): a lane that
 * finishes early takes the next range.
 */
const ranges = 16;
const rangesInFlight = 4;

/**
 * Every item of a sort-key range of one partition, in sort-key order. The first page is read as
 * any query's; only when there is more is the rest, up to the range's last key, cut into ranges
 * read side by side. Side by side, an item on a cut is read by both ranges that meet there: the
 * items are told apart by the table's key (pk, sk), so each comes once.
 */
export const queryKeyRange = async (db: Db, { indexName, partitionKey, sortKey }: KeyRange) => {
  const between = (from: string, to: string) => ({
    IndexName: indexName,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': partitionKey.name, '#sk': sortKey.name },
    ExpressionAttributeValues: { ':pk': partitionKey.value, ':from': from, ':to': to },
  });
  const first = await db.client.send(
    new QueryCommand({ TableName: db.tableName, ...between(sortKey.from, sortKey.to) }),
  );
  const firstItems = first.Items ?? [];
  if (!first.LastEvaluatedKey) return firstItems;

  const low = String(first.LastEvaluatedKey[sortKey.name]);
  const last = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      ...between(low, sortKey.to),
      ScanIndexForward: false,
      Limit: 1,
      ProjectionExpression: '#sk',
    }),
  );
  const high = String(last.Items?.[0]?.[sortKey.name] ?? low);
  const cuts = [low, ...splitKeyRange(low, high, ranges, sortKey.characters), high];
  const read: Record<string, unknown>[][] = [];
  await inLanes(cuts.length - 1, rangesInFlight, async (index) => {
    read[index] = await queryAll(db, between(cuts[index]!, cuts[index + 1]!));
  });
  const seen = new Set<string>();
  return [firstItems, ...read].flat().filter((item) => {
    const key = `${item.pk}\u0000${item.sk}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
