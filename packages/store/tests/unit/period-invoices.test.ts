import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { InvoiceWriteConflict } from '#app/ports/store';
import { maxConsumedItemsPerInvoice } from '#domain/invoice/limits';
import { periodInvoiceRepository } from '../../src/period-invoices.ts';
import { invoiceOf } from '../support/invoices.ts';
import { cancelled, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const periodInvoices = periodInvoiceRepository(db);
afterEach(() => dynamo.reset());

const invoice = invoiceOf({ id: 'period1' });
const itemsOf = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ id: `i${index}`, reseller: 'r1', customer: 'c1' }));
const keyOf = (index: number) => ({ pk: 'T#r1', sk: `CURRENT#c1#i${index}` });
const invoiceWrites = () =>
  dynamo
    .commandCalls(TransactWriteCommand)
    .filter((call) => call.args[0].input.TransactItems!.some((action) => action.Put?.Item?.sk === 'HEADER'));

describe('periodInvoiceRepository.putPeriodInvoice', () => {
  it('writes an invoice that fits one transaction like any new invoice, with no claims', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await periodInvoices.putPeriodInvoice({ invoice, consumedItems: itemsOf(2) });

    // Assess
    expect(outcome).toBe('created');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('claims the items beyond one transaction first, writes the invoice, then deletes what it claimed', async () => {
    // Prepare
    const items = itemsOf(maxConsumedItemsPerInvoice + 2);
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await periodInvoices.putPeriodInvoice({ invoice, consumedItems: items });

    // Assess
    expect(outcome).toBe('created');
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'T#r1#INVOICE#period1', sk: 'HEADER' },
    });
    const [claim, write, release] = dynamo
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input);
    expect(claim).toEqual({
      TransactItems: [80, 81].map((index) => ({
        Update: {
          TableName: table,
          Key: keyOf(index),
          UpdateExpression: 'SET claimedBy = :invoice',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(claimedBy) OR claimedBy = :invoice)',
          ExpressionAttributeValues: { ':invoice': 'period1' },
        },
      })),
    });
    expect(write!.TransactItems!.filter((action) => action.Delete)).toHaveLength(maxConsumedItemsPerInvoice);
    expect(release).toEqual({
      TransactItems: [80, 81].map((index) => ({
        Delete: {
          TableName: table,
          Key: keyOf(index),
          ConditionExpression: 'claimedBy = :invoice',
          ExpressionAttributeValues: { ':invoice': 'period1' },
        },
      })),
    });
  });

  it('finishes an earlier run instead of claiming again when the invoice is written already', async () => {
    // Prepare
    const items = itemsOf(maxConsumedItemsPerInvoice + 1);
    dynamo.on(GetCommand).resolves({ Item: { pk: 'T#r1#INVOICE#period1', sk: 'HEADER', id: 'period1' } });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(...items.map((_, index) => (index === 80 ? 'None' : 'ConditionalCheckFailed'))))
      .resolves({});

    // Act
    const outcome = await periodInvoices.putPeriodInvoice({ invoice, consumedItems: items });

    // Assess: the items the earlier run deleted are left out, the one it claimed is deleted
    expect(outcome).toBe('existed');
    expect(invoiceWrites()).toHaveLength(0);
    const [, retry] = dynamo.commandCalls(TransactWriteCommand);
    expect(retry!.args[0].input.TransactItems!.map((action) => action.Delete!.Key)).toEqual([keyOf(80)]);
  });

  it('answers existed when the invoice’s own condition fails, after deleting what it claimed', async () => {
    // Prepare
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('ConditionalCheckFailed'))
      .rejects(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed'));

    // Act
    const outcome = await periodInvoices.putPeriodInvoice({ invoice, consumedItems: itemsOf(2) });

    // Assess
    expect(outcome).toBe('existed');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('refuses with items-gone when an item to claim is gone or claimed by another invoice', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));

    // Act
    const written = periodInvoices.putPeriodInvoice({ invoice, consumedItems: itemsOf(82) });

    // Assess
    await expect(written).rejects.toEqual(new InvoiceWriteConflict('items-gone'));
    expect(invoiceWrites()).toHaveLength(0);
  });
});

describe('periodInvoiceRepository.settleEarlierClaims', () => {
  it('frees unclaimed items, finishes claims of written invoices, and names claims of unwritten ones', async () => {
    // Prepare
    const free = { id: 'i0', reseller: 'r1', customer: 'c1' };
    const ours = { ...free, id: 'i1', claimedBy: 'period1' };
    const ofWritten = { ...free, id: 'i2', claimedBy: 'written' };
    const ofUnwritten = { ...free, id: 'i3', claimedBy: 'unwritten' };
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: { id: 'written' } })
      .resolvesOnce({});
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const settled = await periodInvoices.settleEarlierClaims('period1', [free, ours, ofWritten, ofUnwritten]);

    // Assess
    expect(settled).toEqual({ free: [free, ours], unfinished: [{ invoiceId: 'unwritten', items: 1 }] });
    expect(dynamo.commandCalls(GetCommand).map((call) => call.args[0].input.Key)).toEqual([
      { pk: 'T#r1#INVOICE#written', sk: 'HEADER' },
      { pk: 'T#r1#INVOICE#unwritten', sk: 'HEADER' },
    ]);
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Delete: {
            TableName: table,
            Key: keyOf(2),
            ConditionExpression: 'claimedBy = :invoice',
            ExpressionAttributeValues: { ':invoice': 'written' },
          },
        },
      ],
    });
  });
});
