import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { packLines } from '../../src/invoice-chunks.ts';
import { invoiceReadRepository } from '../../src/invoice-reads.ts';
import { invoiceOf } from '../support/invoices.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const invoices = invoiceReadRepository(db);
afterEach(() => dynamo.reset());

const invoice = invoiceOf();
const { lines, ...rest } = invoice;
const pk = 'T#r1#INVOICE#inv1';
const headerItem = {
  pk,
  sk: 'HEADER',
  type: 'invoice',
  ...rest,
  lineCount: 1,
  chunkCount: 1,
  requestHash: 'h',
};

describe('invoiceReadRepository', () => {
  it('reads the whole invoice, header and line chunks, in one query of its document range', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({
      Items: [headerItem, { pk, sk: 'LINES#00000', type: 'invoice-lines', lines: packLines(lines)[0] }],
    });

    // Act
    const stored = await invoices.getInvoice('r1', 'inv1');

    // Assess
    expect(stored).toEqual({ invoice, requestHash: 'h' });
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: { ':pk': pk, ':first': 'HEADER', ':last': 'LINES#~' },
      ExclusiveStartKey: undefined,
    });
  });

  it('refuses to answer an invoice with chunks missing, and answers undefined for none', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [headerItem] })
      .resolvesOnce({ Items: [] });

    // Act
    const broken = invoices.getInvoice('r1', 'inv1');

    // Assess
    await expect(broken).rejects.toThrow('Invoice inv1 has 0 of 1 line chunks');
    expect(await invoices.getInvoice('r1', 'inv1')).toBeUndefined();
  });

  it('gets the header alone, without what only the store reads', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: headerItem });

    // Act
    const header = await invoices.getInvoiceHeader('r1', 'inv1');

    // Assess
    expect(header).toEqual({ ...rest, lineCount: 1 });
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk, sk: 'HEADER' },
    });
  });

  it('gets the headers of invoices of several tenants in one BatchGet', async () => {
    // Prepare
    dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [headerItem] } });

    // Act
    const headers = await invoices.getInvoiceHeaders([
      { reseller: 'r1', id: 'inv1' },
      { reseller: 'r2', id: 'inv2' },
    ]);

    // Assess
    expect(headers).toEqual([{ ...rest, lineCount: 1 }]);
    expect(dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input).toEqual({
      RequestItems: {
        [table]: {
          Keys: [
            { pk, sk: 'HEADER' },
            { pk: 'T#r2#INVOICE#inv2', sk: 'HEADER' },
          ],
        },
      },
    });
  });

  it('reads the timeline from the invoice’s partition', async () => {
    // Prepare
    const entry = { at: '2026-11-01T08:00:00.000Z', event: 'created' };
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [{ pk, sk: 'TIMELINE#x', type: 'invoice-timeline', ...entry }] });

    // Act
    const timeline = await invoices.getTimeline('r1', 'inv1');

    // Assess
    expect(timeline).toEqual([entry]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': 'TIMELINE#' },
      ExclusiveStartKey: undefined,
    });
  });
});
