import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { invoiceListingRepository } from '../../src/invoice-listing.ts';
import { headerRow } from '../support/invoices.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const invoices = invoiceListingRepository(db);
afterEach(() => dynamo.reset());

describe('invoiceListingRepository.listInvoices', () => {
  it('reads a customer’s invoices newest first from gsi1, one more than the page to tell if there are more', async () => {
    // Prepare
    const rows = ['a', 'b', 'c', 'd'].map(headerRow);
    dynamo.on(QueryCommand).resolves({ Items: rows.map((row) => row.stored) });

    // Act
    const listed = await invoices.listInvoices({ reseller: 'r1', customer: 'c1', offset: 1, limit: 2 });

    // Assess
    expect(listed).toEqual({ invoices: [rows[1]!.header, rows[2]!.header], more: true });
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': 'T#r1#CUSTOMER#c1#INVOICES', ':from': '0', ':to': '9~' },
      ScanIndexForward: false,
      Limit: 4,
      ExclusiveStartKey: undefined,
    });
  });

  it('reads a reseller’s invoices from gsi2 between the dates given, page after page until it has enough', async () => {
    // Prepare
    const stop = { pk: 'x', sk: 'y' };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [headerRow('a').stored], LastEvaluatedKey: stop })
      .resolvesOnce({ Items: [] });

    // Act
    const listed = await invoices.listInvoices({
      reseller: 'r1',
      from: '2026-10-01',
      to: '2026-10-31',
      offset: 0,
      limit: 5,
    });

    // Assess
    expect(listed).toEqual({ invoices: [headerRow('a').header], more: false });
    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': 'T#r1#INVOICES', ':from': '2026-10-01', ':to': '2026-10-31~' },
        ScanIndexForward: false,
        Limit: 6,
        ExclusiveStartKey: undefined,
      },
      {
        TableName: table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': 'T#r1#INVOICES', ':from': '2026-10-01', ':to': '2026-10-31~' },
        ScanIndexForward: false,
        Limit: 5,
        ExclusiveStartKey: stop,
      },
    ]);
  });
});
