import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKeyRange } from '../../src/query-key-range.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
afterEach(() => dynamo.reset());

const range = {
  indexName: 'gsi2',
  partitionKey: { name: 'gsi2pk', value: 'T#r1#INVOICES' },
  sortKey: { name: 'gsi2sk', from: '2026-10', to: '2026-11~', characters: '0123456789abcdef' },
};
const keyCondition = {
  IndexName: 'gsi2',
  KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
  ExpressionAttributeNames: { '#pk': 'gsi2pk', '#sk': 'gsi2sk' },
};
const row = (sortKey: string) => ({ pk: `T#r1#INVOICE#${sortKey}`, sk: 'HEADER', gsi2sk: sortKey });

/**
 * DynamoDB over `rows` (sorted), as far as these queries go: BETWEEN on the sort key, either
 * direction, Limit, and pages of `pageSize` items that stop with the last item's key.
 */
const answerFrom = (rows: ReturnType<typeof row>[], pageSize: number) => (input: QueryCommandInput) => {
  const { ':from': from, ':to': to } = input.ExpressionAttributeValues as Record<string, string>;
  const after = (input.ExclusiveStartKey?.gsi2sk as string | undefined) ?? '';
  const matching = rows.filter((item) => item.gsi2sk >= from! && item.gsi2sk <= to!);
  if (input.ScanIndexForward === false) return { Items: matching.reverse().slice(0, input.Limit) };
  const rest = matching.filter((item) => item.gsi2sk > after);
  const page = rest.slice(0, pageSize);
  return { Items: page, LastEvaluatedKey: page.length < rest.length ? page.at(-1) : undefined };
};

/** The sort-key bounds of every forward query after the first, in the order sent. */
const rangesQueried = () =>
  dynamo
    .commandCalls(QueryCommand)
    .map((call) => call.args[0].input)
    .filter((input) => input.ScanIndexForward !== false)
    .slice(1)
    .map(
      (input): Record<string, string | undefined> => ({
        ...(input.ExpressionAttributeValues as Record<string, string>),
        startKey: input.ExclusiveStartKey?.gsi2sk as string | undefined,
      }),
    );

describe('queryKeyRange', () => {
  it('reads a range that fits one page with that one query', async () => {
    // Prepare
    dynamo.on(QueryCommand).callsFake(answerFrom([row('2026-10-01#a'), row('2026-10-02#b')], 1000));

    // Act
    const items = await queryKeyRange(db, range);

    // Assess
    expect(items).toEqual([row('2026-10-01#a'), row('2026-10-02#b')]);
    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: table,
        ...keyCondition,
        ExpressionAttributeValues: { ':pk': 'T#r1#INVOICES', ':from': '2026-10', ':to': '2026-11~' },
      },
    ]);
  });

  it('reads the rest of a longer range as ranges side by side, each item once and in order', async () => {
    // Prepare: 300 ids of one date, the first page stopping after 40 of them
    const rows = Array.from({ length: 300 }, (_, index) =>
      row(`2026-10-01#6b13${(index * 211).toString(16).padStart(5, '0')}`),
    ).sort((a, b) => a.gsi2sk.localeCompare(b.gsi2sk));
    dynamo.on(QueryCommand).callsFake(answerFrom(rows, 40));

    // Act
    const items = await queryKeyRange(db, range);

    // Assess: everything, once, in sort-key order
    expect(items).toEqual(rows);
    const [first, last, ...ranges] = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first).toEqual({
      TableName: table,
      ...keyCondition,
      ExpressionAttributeValues: { ':pk': 'T#r1#INVOICES', ':from': '2026-10', ':to': '2026-11~' },
    });
    // The range's last key, from where the first page stopped
    expect(last).toEqual({
      TableName: table,
      ...keyCondition,
      ExpressionAttributeValues: { ':pk': 'T#r1#INVOICES', ':from': rows[39]!.gsi2sk, ':to': '2026-11~' },
      ScanIndexForward: false,
      Limit: 1,
      ProjectionExpression: '#sk',
    });
    // The rest (260 keys after 40: six and a half first pages' worth) as 14 ranges that meet end
    // to start, from the first page's last key to the last key
    const bounds = ranges.map((input) => input!.ExpressionAttributeValues as Record<string, string>);
    expect(bounds).toHaveLength(14);
    expect(bounds[0]![':from']).toBe(rows[39]!.gsi2sk);
    expect(bounds.at(-1)![':to']).toBe(rows.at(-1)!.gsi2sk);
    for (const [index, bound] of bounds.entries()) {
      expect(bound[':from']! <= bound[':to']!).toBe(true);
      if (index > 0) expect(bound[':from']).toBe(bounds[index - 1]![':to']);
    }
  });

  it('reads a short rest by paging on, not as ranges', async () => {
    // Prepare: 110 ids, pages of 100
    const rows = Array.from({ length: 110 }, (_, index) =>
      row(`2026-10-01#6b13${index.toString(16).padStart(5, '0')}`),
    );
    dynamo.on(QueryCommand).callsFake(answerFrom(rows, 100));

    // Act
    const items = await queryKeyRange(db, range);

    // Assess
    expect(items).toEqual(rows);
    expect(rangesQueried()).toEqual([
      { ':pk': 'T#r1#INVOICES', ':from': '2026-10', ':to': '2026-11~', startKey: rows[99]!.gsi2sk },
    ]);
  });

  it('cuts a bunch of keys again between its own keys', async () => {
    // Prepare: 600 invoices dated the 1st, as a month-end close dates them, and 20 later in the month
    const bunch = Array.from({ length: 600 }, (_, index) =>
      row(`2026-10-01#6b13${(index * 97).toString(16).padStart(5, '0')}`),
    );
    const later = Array.from({ length: 20 }, (_, index) =>
      row(`2026-10-${String(index + 2).padStart(2, '0')}#6b1400000`),
    );
    const rows = [...bunch, ...later].sort((a, b) => a.gsi2sk.localeCompare(b.gsi2sk));
    dynamo.on(QueryCommand).callsFake(answerFrom(rows, 40));

    // Act
    const items = await queryKeyRange(db, range);

    // Assess: everything once, in order; the 1st's keys read as several ranges, none paged through
    expect(items).toEqual(rows);
    const ranges = rangesQueried();
    const onTheFirst = ranges.filter(
      (bounds) => bounds[':from']!.startsWith('2026-10-01#') && bounds[':to']!.startsWith('2026-10-01#'),
    );
    expect(onTheFirst.length).toBeGreaterThanOrEqual(8);
    expect(ranges.filter((bounds) => bounds.startKey !== undefined)).toEqual([]);
  });
});
