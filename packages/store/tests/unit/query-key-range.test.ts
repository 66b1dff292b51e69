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
 * direction, Limit; the first page of the whole range stops after `firstPage` rows.
 */
const answerFrom = (rows: ReturnType<typeof row>[], firstPage: number) => (input: QueryCommandInput) => {
  const { ':from': from, ':to': to } = input.ExpressionAttributeValues as Record<string, string>;
  const matching = rows.filter((item) => item.gsi2sk >= from! && item.gsi2sk <= to!);
  if (input.ScanIndexForward === false) return { Items: matching.reverse().slice(0, input.Limit) };
  if (from === range.sortKey.from) {
    const page = matching.slice(0, firstPage);
    return { Items: page, LastEvaluatedKey: page.length < matching.length ? page.at(-1) : undefined };
  }
  return { Items: matching };
};

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
    // The rest as 16 ranges that meet end to start, from the first page's last key to the last key
    const bounds = ranges.map((input) => input!.ExpressionAttributeValues as Record<string, string>);
    expect(bounds).toHaveLength(16);
    expect(bounds[0]![':from']).toBe(rows[39]!.gsi2sk);
    expect(bounds.at(-1)![':to']).toBe(rows.at(-1)!.gsi2sk);
    for (const [index, bound] of bounds.entries()) {
      expect(bound[':from']! <= bound[':to']!).toBe(true);
      if (index > 0) expect(bound[':from']).toBe(bounds[index - 1]![':to']);
    }
  });
});
