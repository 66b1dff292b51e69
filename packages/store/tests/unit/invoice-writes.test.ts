import { randomBytes } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { InvoiceTooLarge, InvoiceWriteConflict } from '#app/ports/store';
import { invoiceWriteRepository } from '../../src/invoice-writes.ts';
import { invoiceOf } from '../support/invoices.ts';
import { cancelled, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const invoices = invoiceWriteRepository(db);
afterEach(() => dynamo.reset());

const consumed = { id: 'i1', reseller: 'r1', customer: 'c1' };

describe('invoiceWriteRepository.putNewInvoice', () => {
  it('writes header, number claim, consumed items, lines, directory, timeline and feed in one transaction', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});
    const invoice = invoiceOf({ invoiceNumber: '1001' });
    const { lines, ...header } = invoice;

    // Act
    await invoices.putNewInvoice({ invoice, consumedItems: [consumed], requestHash: 'hash' });

    // Assess
    const pk = 'T#r1#INVOICE#inv1';
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: {
              pk,
              sk: 'HEADER',
              gsi1pk: 'T#r1#CUSTOMER#c1#INVOICES',
              gsi1sk: `${invoice.invoiceDate}#inv1`,
              gsi2pk: 'T#r1#INVOICES',
              gsi2sk: `${invoice.invoiceDate}#inv1`,
              type: 'invoice',
              ...header,
              lineCount: 1,
              chunkCount: 1,
              exportedTo: {},
              productCodes: ['ABON1'],
              externalLicenseProductCodes: [],
              // What an export checks against e-conomic's VAT, without reading the lines
              productVat: { exempt: [], liable: ['ABON1'] },
              externalLicenseProductVat: { exempt: [], liable: [] },
              requestHash: 'hash',
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: { pk: 'T#r1', sk: 'INVOICE-NUMBER#1001', type: 'invoice-number', invoice: 'inv1' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Delete: {
            TableName: table,
            Key: { pk: 'T#r1', sk: 'CURRENT#c1#i1' },
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(claimedBy) OR claimedBy = :invoice)',
            ExpressionAttributeValues: { ':invoice': 'inv1' },
          },
        },
        {
          Put: {
            TableName: table,
            Item: { pk, sk: 'LINES#00000', type: 'invoice-lines', lines: expect.any(Uint8Array) },
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              pk: 'P#ID#inv1',
              sk: 'ID',
              type: 'directory',
              id: 'inv1',
              kind: 'invoice',
              reseller: 'r1',
              customer: 'c1',
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              pk,
              sk: expect.stringMatching(/^TIMELINE#2026-11-01T08:00:00\.000Z#[a-z0-9]+$/),
              type: 'invoice-timeline',
              at: '2026-11-01T08:00:00.000Z',
              event: 'created',
              detail: { lines: lines.length, fromCurrentInvoice: 1, total: invoice.totals.total },
            },
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              pk,
              sk: 'FEED',
              gsi1pk: 'T#r1#CREATED',
              gsi1sk: '2026-11-01T08:00:00.000Z#inv1',
              type: 'invoice-feed',
              invoice: 'inv1',
              createdAt: '2026-11-01T08:00:00.000Z',
            },
          },
        },
      ],
    });
  });

  it.each([
    ['the header', ['ConditionalCheckFailed', 'None', 'None'], 'invoice-exists'],
    ['the invoice number', ['None', 'ConditionalCheckFailed', 'None'], 'invoice-number-taken'],
    ['a consumed item', ['None', 'None', 'ConditionalCheckFailed'], 'items-gone'],
    [
      'no condition, but a transaction in flight',
      ['None', 'TransactionConflict', 'None'],
      'concurrent-write',
    ],
  ])('names the conflict when %s fails', async (_, reasons, reason) => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled(...reasons));

    // Act
    const written = invoices.putNewInvoice({
      invoice: invoiceOf({ invoiceNumber: '1001' }),
      consumedItems: [consumed],
    });

    // Assess
    await expect(written).rejects.toEqual(new InvoiceWriteConflict(reason as InvoiceWriteConflict['reason']));
  });

  it('reads the second action as a consumed item when the invoice claims no number', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));

    // Act
    const written = invoices.putNewInvoice({ invoice: invoiceOf(), consumedItems: [consumed] });

    // Assess
    await expect(written).rejects.toEqual(new InvoiceWriteConflict('items-gone'));
    const actions = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(actions[1]!.Delete?.Key).toEqual({ pk: 'T#r1', sk: 'CURRENT#c1#i1' });
  });

  it('passes on any other failure', async () => {
    // Prepare
    const failure = new Error('throttled');
    dynamo.on(TransactWriteCommand).rejects(failure);

    // Act
    const written = invoices.putNewInvoice({ invoice: invoiceOf(), consumedItems: [] });

    // Assess
    await expect(written).rejects.toThrow('throttled');
  });
});

describe('invoiceWriteRepository.assertNewInvoiceFits', () => {
  it('refuses lines too large for one transaction, by name, before anything is sent', () => {
    // Prepare
    const invoice = invoiceOf();
    const line = invoice.lines[0]!;
    const large = {
      ...invoice,
      lines: Array.from({ length: 200 }, () => ({
        ...line,
        description: randomBytes(22_500).toString('base64'),
      })),
    };

    // Act
    const check = () => invoices.assertNewInvoiceFits({ invoice: large, consumedItems: [] });

    // Assess
    expect(check).toThrow(expect.objectContaining({ name: InvoiceTooLarge.name, part: 'lines' }));
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses a header too large for one item (too many distinct products)', () => {
    // Prepare
    const invoice = invoiceOf();
    const line = invoice.lines[0]!;
    const manyProducts = {
      ...invoice,
      lines: Array.from({ length: 15_000 }, (_, index) => ({
        ...line,
        productCode: `PRODUCT-CODE-${index}-xxxxxxxx`,
      })),
    };

    // Act
    const check = () => invoices.assertNewInvoiceFits({ invoice: manyProducts, consumedItems: [] });

    // Assess
    expect(check).toThrow(
      expect.objectContaining({ name: 'InvoiceTooLarge', part: 'header', maxBytes: 400 * 1024 }),
    );
  });

  it('lets an ordinary invoice through', () => {
    // Act
    const check = () => invoices.assertNewInvoiceFits({ invoice: invoiceOf(), consumedItems: [consumed] });

    // Assess
    expect(check).not.toThrow();
  });
});
