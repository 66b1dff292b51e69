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

  it('reads several invoices whole in two batched reads: their headers, then the chunks they name', async () => {
    // Prepare: inv1 has two chunks, inv2 one, inv3 does not exist; the chunks come back unordered
    const [first, second] = [lines.slice(0, 1), lines.slice(0, 1)].map((part) => packLines(part)[0]);
    const pk2 = 'T#r1#INVOICE#inv2';
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: {
          [table]: [
            { ...headerItem, lineCount: 2, chunkCount: 2 },
            { ...headerItem, pk: pk2, id: 'inv2', requestHash: undefined },
          ],
        },
      })
      .resolvesOnce({
        Responses: {
          [table]: [
            { pk, sk: 'LINES#00001', type: 'invoice-lines', lines: second },
            { pk: pk2, sk: 'LINES#00000', type: 'invoice-lines', lines: first },
            { pk, sk: 'LINES#00000', type: 'invoice-lines', lines: first },
          ],
        },
      });

    // Act
    const found = await invoices.getInvoices('r1', ['inv1', 'inv2', 'inv3']);

    // Assess
    expect([...found.keys()]).toEqual(['inv1', 'inv2']);
    expect(found.get('inv1')).toEqual({
      invoice: { ...invoice, lines: [...lines, ...lines] },
      requestHash: 'h',
    });
    expect(found.get('inv2')?.invoice).toEqual({ ...invoice, id: 'inv2' });
    const [headers, chunks] = dynamo
      .commandCalls(BatchGetCommand)
      .map((call) => call.args[0].input.RequestItems);
    expect(headers).toEqual({
      [table]: {
        Keys: ['inv1', 'inv2', 'inv3'].map((id) => ({ pk: `T#r1#INVOICE#${id}`, sk: 'HEADER' })),
      },
    });
    expect(chunks).toEqual({
      [table]: {
        Keys: [
          { pk, sk: 'LINES#00000' },
          { pk, sk: 'LINES#00001' },
          { pk: pk2, sk: 'LINES#00000' },
        ],
      },
    });
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
});
