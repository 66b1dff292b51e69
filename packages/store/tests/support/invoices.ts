import { createInvoice } from '#domain/invoice/create-invoice';
import { invoiceLine } from '#domain/invoice/invoice-line';
import type { Invoice } from '#domain/invoice/model';
import { product } from '../../../domain/tests/unit/monthly-close/fixtures.ts';

/** An invoice of reseller r1 to customer c1 with one line of product-1 (ABON1), created at `createdAt`. */
export const invoiceOf = (
  overrides: { readonly id?: string; readonly invoiceNumber?: string; readonly createdAt?: string } = {},
): Invoice =>
  createInvoice(
    {
      reseller: 'r1',
      customer: 'c1',
      sent: true,
      lines: [invoiceLine(product(), { units: 2 })],
      ...(overrides.invoiceNumber ? { invoiceNumber: overrides.invoiceNumber } : {}),
      invoiceDate: new Date('2026-10-31T23:00:00.000Z'),
    },
    { id: overrides.id ?? 'inv1', now: new Date(overrides.createdAt ?? '2026-11-01T08:00:00.000Z') },
  );

/** A one-line invoice's header item as the store keeps it (`stored`), and as callers get it back (`header`). */
export const headerRow = (id: string) => {
  const { lines: _lines, ...header } = invoiceOf({ id });
  return {
    stored: { pk: `T#r1#INVOICE#${id}`, sk: 'HEADER', chunkCount: 1, ...header, lineCount: 1 },
    header: { ...header, lineCount: 1 },
  };
};
