import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvoiceWriteConflict, ResellerChangeConflict } from '#app/ports/store';
import { newId } from '#domain/ids';
import { createInvoice } from '#domain/invoice/create-invoice';
import { invoiceLine } from '#domain/invoice/invoice-line';
import { product } from '../../../domain/tests/unit/monthly-close/fixtures.ts';
import type { Db } from '../../src/db.ts';
import { invoiceWriteRepository } from '../../src/invoice-writes.ts';
import { invoiceHeaderSort, invoicePartition } from '../../src/keys.ts';
import { periodInvoiceRepository } from '../../src/period-invoices.ts';
import { resellerRepository } from '../../src/resellers.ts';
import { testStackDb } from '../support/test-stack.ts';

/**
 * A reseller's own invoice series against DynamoDB Local (docs/invoice-numbering.md): an invoice
 * takes its number in the transaction that writes it, and the series moves on with it or not at all.
 */
describe('invoice series', () => {
  let db: Db;
  beforeAll(() => {
    db = testStackDb();
  });

  const at = new Date('2026-12-03T10:00:00.000Z');
  const numberedReseller = async (next: number) => {
    const id = newId();
    await resellerRepository(db).putNewReseller({
      id,
      name: 'Series',
      email: 'series@reseller.example',
      language: 'da',
      finance: {},
      invoiceNumbering: 'faktura',
      nextInvoiceNumber: next,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    });
    return id;
  };
  const invoiceOf = (reseller: string, number: number, id = newId()) =>
    createInvoice(
      {
        reseller,
        customer: 'c1',
        lines: [invoiceLine(product(), { units: 1 })],
        invoiceNumber: String(number),
        invoiceDate: at,
      },
      { id, now: at },
    );
  const headerExists = async (reseller: string, invoice: string) =>
    (
      await db.client.send(
        new GetCommand({
          TableName: db.tableName,
          Key: { pk: invoicePartition(reseller, invoice), sk: invoiceHeaderSort },
        }),
      )
    ).Item !== undefined;

  it('moves the series on with the invoice, and refuses a second invoice with the same number, writing nothing of it', async () => {
    // Prepare
    const reseller = await numberedReseller(5);
    const { putNewInvoice } = invoiceWriteRepository(db);
    const first = invoiceOf(reseller, 5);
    const second = invoiceOf(reseller, 5);

    // Act
    await putNewInvoice({ invoice: first, consumedItems: [], seriesNumber: 5 });
    const lost = await putNewInvoice({ invoice: second, consumedItems: [], seriesNumber: 5 }).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(lost).toBeInstanceOf(InvoiceWriteConflict);
    expect(lost).toMatchObject({ reason: 'series-moved' });
    expect(await headerExists(reseller, first.id)).toBe(true);
    expect(await headerExists(reseller, second.id)).toBe(false);
    expect((await resellerRepository(db).getReseller(reseller))?.nextInvoiceNumber).toBe(6);
  });

  it('takes no number for a period invoice an earlier run already wrote', async () => {
    // Prepare
    const reseller = await numberedReseller(1);
    const periodInvoices = periodInvoiceRepository(db);
    const invoice = invoiceOf(reseller, 1);
    await periodInvoices.putPeriodInvoice({ invoice, consumedItems: [], seriesNumber: 1 });

    // Act
    const again = await periodInvoices.putPeriodInvoice({
      invoice: { ...invoice, invoiceNumber: '2' },
      consumedItems: [],
      seriesNumber: 2,
    });

    // Assess
    expect(again).toBe('existed');
    expect((await resellerRepository(db).getReseller(reseller))?.nextInvoiceNumber).toBe(2);
  });

  it('sets a series only as read and onto an unclaimed number; finds the highest whole number used', async () => {
    // Prepare
    const reseller = await numberedReseller(7);
    const resellers = resellerRepository(db);
    const { putNewInvoice } = invoiceWriteRepository(db);
    await putNewInvoice({ invoice: invoiceOf(reseller, 7), consumedItems: [], seriesNumber: 7 });
    const seenBefore = { invoiceNumbering: 'faktura' as const, nextInvoiceNumber: 7 };
    const seenNow = { invoiceNumbering: 'faktura' as const, nextInvoiceNumber: 8 };
    const change = (next: number) => ({ invoiceNumbering: 'faktura' as const, nextInvoiceNumber: next });

    // Act
    const stale = await resellers
      .updateReseller(reseller, change(100), seenBefore)
      .catch((error: unknown) => error);
    const ontoUsed = await resellers
      .updateReseller(reseller, change(7), seenNow)
      .catch((error: unknown) => error);
    const highest = await resellers.highestInvoiceNumberUsed(reseller);
    const moved = await resellers.updateReseller(reseller, change(100), seenNow);

    // Assess
    expect(stale).toEqual(new ResellerChangeConflict('numbering-moved'));
    expect(ontoUsed).toEqual(new ResellerChangeConflict('numbering-moved'));
    expect(highest).toBe(7);
    expect(moved.nextInvoiceNumber).toBe(100);
    expect(await resellers.highestInvoiceNumberUsed(newId())).toBeUndefined();
  });
});
