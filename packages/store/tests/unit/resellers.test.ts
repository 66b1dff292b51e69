import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { ResellerChangeConflict, ResellerExistsError } from '#app/ports/store';
import type { Reseller } from '#domain/reseller';
import { resellerRepository } from '../../src/resellers.ts';
import { cancelled, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const resellers = resellerRepository(db);
afterEach(() => dynamo.reset());

const reseller: Reseller = {
  id: 'r1',
  name: 'Forhandler',
  email: 'r1@example.com',
  language: 'da',
  finance: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('resellerRepository', () => {
  it('puts a new reseller, indexed on the platform’s list, on the condition that it is new', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await resellers.putNewReseller(reseller);

    // Assess
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: {
              pk: 'T#r1',
              sk: 'RESELLER',
              gsi1pk: 'P#RESELLERS',
              gsi1sk: 'RESELLER#r1',
              type: 'reseller',
              ...reseller,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  });

  it('refuses a reseller that exists by name (ResellerExistsError)', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));

    // Act
    const written = resellers.putNewReseller(reseller);

    // Assess
    await expect(written).rejects.toEqual(new ResellerExistsError('r1'));
    await expect(written).rejects.toBeInstanceOf(ResellerExistsError);
  });

  it('passes on a cancellation for another reason', async () => {
    // Prepare
    const conflict = cancelled('TransactionConflict');
    dynamo.on(TransactWriteCommand).rejects(conflict);

    // Act
    const written = resellers.putNewReseller(reseller);

    // Assess
    await expect(written).rejects.toBe(conflict);
  });

  it('gets a reseller by id, strongly consistent (its invoice series must be read as it is now)', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: { pk: 'T#r1', sk: 'RESELLER', type: 'reseller', ...reseller } });

    // Act
    const found = await resellers.getReseller('r1');

    // Assess
    expect(found).toEqual(reseller);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'T#r1', sk: 'RESELLER' },
      ConsistentRead: true,
    });
  });

  it('lists the platform’s resellers from their index, a page at a time', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [{ pk: 'T#r1', sk: 'RESELLER', ...reseller }] });

    // Act
    const page = await resellers.listResellers(10);

    // Assess
    expect(page).toEqual({ items: [reseller], cursor: undefined });
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :platform',
      ExpressionAttributeValues: { ':platform': 'P#RESELLERS' },
      Limit: 10,
      ExclusiveStartKey: undefined,
    });
  });

  it('refuses a cursor it did not give out', async () => {
    // Act
    const listed = resellers.listResellers(10, 'not-a-cursor');

    // Assess
    await expect(listed).rejects.toMatchObject({ name: 'InvalidCursorError' });
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('changes a reseller on the condition that its numbering is as read and the series’ next number is unclaimed', async () => {
    // Prepare
    const changed = { ...reseller, invoiceNumbering: 'faktura' as const, nextInvoiceNumber: 10235 };
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(GetCommand).resolves({ Item: { pk: 'T#r1', sk: 'RESELLER', ...changed } });

    // Act
    const updated = await resellers.updateReseller(
      'r1',
      { invoiceNumbering: 'faktura', nextInvoiceNumber: 10235, updatedAt: '2026-12-03T00:00:00.000Z' },
      { invoiceNumbering: 'accounting' },
    );

    // Assess
    expect(updated).toEqual(changed);
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Update: {
            TableName: table,
            Key: { pk: 'T#r1', sk: 'RESELLER' },
            UpdateExpression: 'SET #f0 = :v0, #f1 = :v1, #f2 = :v2',
            ConditionExpression:
              'attribute_exists(pk) AND #numbering = :seenNumbering AND attribute_not_exists(#next)',
            ExpressionAttributeNames: {
              '#numbering': 'invoiceNumbering',
              '#next': 'nextInvoiceNumber',
              '#f0': 'invoiceNumbering',
              '#f1': 'nextInvoiceNumber',
              '#f2': 'updatedAt',
            },
            ExpressionAttributeValues: {
              ':v0': 'faktura',
              ':v1': 10235,
              ':v2': '2026-12-03T00:00:00.000Z',
              ':seenNumbering': 'accounting',
            },
          },
        },
        {
          ConditionCheck: {
            TableName: table,
            Key: { pk: 'T#r1', sk: 'INVOICE-NUMBER#10235' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  });

  it('tells a change that lost to an invoice (numbering-moved) from a reseller that is gone (missing)', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: { pk: 'T#r1', sk: 'RESELLER', ...reseller } })
      .resolves({});
    const change = () => resellers.updateReseller('r1', { name: 'X' }, {});

    // Act
    const moved = change();
    await expect(moved).rejects.toEqual(new ResellerChangeConflict('numbering-moved'));
    const missing = change();

    // Assess
    await expect(missing).rejects.toEqual(new ResellerChangeConflict('missing'));
  });

  it('finds the highest whole invoice number used over every page of claims, texts set aside', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ sk: 'INVOICE-NUMBER#999' }, { sk: 'INVOICE-NUMBER#K-17' }],
        LastEvaluatedKey: { pk: 'T#r1', sk: 'INVOICE-NUMBER#999' },
      })
      .resolvesOnce({ Items: [{ sk: 'INVOICE-NUMBER#10234' }, { sk: 'INVOICE-NUMBER#2000' }] });

    // Act
    const highest = await resellers.highestInvoiceNumberUsed('r1');

    // Assess
    expect(highest).toBe(10234);
    const queries = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries).toEqual([
      {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :claim)',
        ExpressionAttributeValues: { ':pk': 'T#r1', ':claim': 'INVOICE-NUMBER#' },
        ProjectionExpression: 'sk',
        ExclusiveStartKey: undefined,
      },
      expect.objectContaining({ ExclusiveStartKey: { pk: 'T#r1', sk: 'INVOICE-NUMBER#999' } }),
    ]);
  });
});
