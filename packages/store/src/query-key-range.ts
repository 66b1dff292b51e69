import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { inLanes } from './in-lanes.ts';
import { rangesWorth, splitKeyRange } from './key-range-split.ts';

/** One partition of an index, and the sort keys wanted of it: [from, to]. */
export interface KeyRange {
  readonly indexName: string;
  readonly partitionKey: { readonly name: string; readonly value: string };
  readonly sortKey: {
    readonly name: string;
    readonly from: string;
    readonly to: string;
    /** What the sort keys are made of, ascending: how a range is cut (key-range-split.ts). */
    readonly characters: string;
  };
}

/**
 * The most ranges a rest is cut into, and how many are read at once. A month-end export request
 * reads 20,000 invoice headers (18 pages of 1 MB) before API Gateway's 29 s are up; page after
 * page that took 7–21 s on DynamoDB Local, 16 ranges 4 at a time 1.5–1.7 s (docs/performance.md).
 * More ranges than lanes, because keys bunch (ids begin with their second of creation): a lane
 * that finishes early takes the next range.
 */
const mostRanges = 16;
const rangesInFlight = 4;

type Item = Record<string, unknown>;

/** A range being read: its own pages, then the ranges its rest was cut into, in key order. */
interface RangeRead {
  readonly from: string;
  readonly to: string;
  readonly items: Item[];
  rest: RangeRead[];
}

const rangeRead = (from: string, to: string): RangeRead => ({ from, to, items: [], rest: [] });

const inKeyOrder = (range: RangeRead): Item[] => [...range.items, ...range.rest.flatMap(inKeyOrder)];

/**
 * Every item of a sort-key range of one partition, in sort-key order. A range is read page after
 * page until a page shows that enough is left to be worth cutting (about two ranges for each page's
 * worth of keys left, rangesWorth); the rest, up to its last key, is then cut into ranges that idle
 * lanes read the same way. So a month that fits one page is one query, and where keys bunch (a
 * month-end's invoices all dated the 1st, a few later in the month) the range that holds the bunch
 * is cut again between its own keys. An item on a cut is read by both ranges that meet there: the
 * items are told apart by the table's key (pk, sk), so each comes once.
 */
export const queryKeyRange = async (
  db: Db,
  { indexName, partitionKey, sortKey }: KeyRange,
): Promise<Item[]> => {
  const between = (from: string, to: string) => ({
    TableName: db.tableName,
    IndexName: indexName,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': partitionKey.name, '#sk': sortKey.name },
    ExpressionAttributeValues: { ':pk': partitionKey.value, ':from': from, ':to': to },
  });
  const lastKeyIn = async (from: string, to: string): Promise<string> => {
    const last = await db.client.send(
      new QueryCommand({
        ...between(from, to),
        ScanIndexForward: false,
        Limit: 1,
        ProjectionExpression: '#sk',
      }),
    );
    return String(last.Items?.[0]?.[sortKey.name] ?? from);
  };
  const read = async (range: RangeRead, add: (...more: RangeRead[]) => void): Promise<void> => {
    let startKey: Item | undefined;
    let last: string | undefined;
    for (;;) {
      const page = await db.client.send(
        new QueryCommand({ ...between(range.from, range.to), ExclusiveStartKey: startKey }),
      );
      const items = page.Items ?? [];
      range.items.push(...items);
      if (!page.LastEvaluatedKey) return;
      const low = String(page.LastEvaluatedKey[sortKey.name]);
      last ??= await lastKeyIn(low, range.to);
      const parts = rangesWorth(
        String(items[0]?.[sortKey.name] ?? low),
        low,
        last,
        sortKey.characters,
        mostRanges,
      );
      const cuts = [low, ...splitKeyRange(low, last, parts, sortKey.characters), last];
      if (cuts.length > 2) {
        range.rest = cuts.slice(1).map((to, index) => rangeRead(cuts[index]!, to));
        add(...range.rest);
        return;
      }
      startKey = page.LastEvaluatedKey;
    }
  };
  const whole = rangeRead(sortKey.from, sortKey.to);
  await inLanes([whole], rangesInFlight, read);
  const seen = new Set<string>();
  return inKeyOrder(whole).filter((item) => {
    const key = `${item.pk}\u0000${item.sk}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
