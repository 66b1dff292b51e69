import { invalid, type Refusal } from '../refusal.ts';
import type { Reseller } from '../reseller.ts';
import { PENDING_INVOICE_NUMBER } from './model.ts';

/**
 * A reseller's own invoice numbers (docs/invoice-numbering.md). Danish bookkeeping asks for an
 * unbroken series: with `faktura` numbering each new invoice takes the series' next number in the
 * same transaction that writes it, and the series moves on only when that transaction commits, so
 * a create that fails leaves no gap and two creates never share a number.
 */

/** The number the next invoice takes, or undefined when the accounting system numbers the reseller's invoices. */
export const seriesNumber = (
  reseller: Pick<Reseller, 'invoiceNumbering' | 'nextInvoiceNumber'>,
): number | undefined =>
  reseller.invoiceNumbering === 'faktura' ? (reseller.nextInvoiceNumber ?? 1) : undefined;

/**
 * An explicit number the series could give one day is refused: a whole number would collide with
 * the series, now or later. Another text (a credit note's "K-17", a number of an earlier system's
 * own form) may be given; the pending `-1` means none.
 */
export const explicitNumberRefusal = (
  reseller: Pick<Reseller, 'invoiceNumbering'>,
  invoiceNumber: string | undefined,
): Refusal | undefined =>
  reseller.invoiceNumbering === 'faktura' &&
  invoiceNumber !== undefined &&
  invoiceNumber !== PENDING_INVOICE_NUMBER &&
  /^\d+$/.test(invoiceNumber.trim())
    ? invalid(
        'invoiceNumber',
        'This reseller’s invoices are numbered by its own series: give no invoice number, or one that is not a whole number',
      )
    : undefined;

/** The highest `nextInvoiceNumber` a series may have (the API's bound). */
export const maxSeriesNumber = 999_999_999;

/** A change of a reseller's numbering asked for (PATCH /reseller/{id}); absent fields are kept. */
export interface NumberingRequest {
  readonly invoiceNumbering?: Reseller['invoiceNumbering'];
  readonly nextInvoiceNumber?: number;
}

export type NumberingSetting = Required<Pick<Reseller, 'invoiceNumbering'>> &
  Pick<Reseller, 'nextInvoiceNumber'>;

/**
 * The reseller's numbering after a change, or why it is refused. The series only moves forward,
 * and never onto a number an invoice already carries (`highestUsed`: the highest whole number any
 * of the reseller's invoices carries, given by its own series, by hand, or by booking sync); so a
 * switch to `faktura` without a next number continues after the numbers already used. Switching
 * back to `accounting` keeps where the series stood, so a later switch continues it.
 */
export const numberingChange = (
  current: Pick<Reseller, 'invoiceNumbering' | 'nextInvoiceNumber'>,
  requested: NumberingRequest,
  highestUsed: number | undefined,
): NumberingSetting | Refusal => {
  const invoiceNumbering = requested.invoiceNumbering ?? current.invoiceNumbering ?? 'accounting';
  const { nextInvoiceNumber } = requested;
  if (invoiceNumbering !== 'faktura') {
    if (nextInvoiceNumber !== undefined)
      return invalid('nextInvoiceNumber', 'A next invoice number needs "invoiceNumbering": "faktura"');
    return { invoiceNumbering, ...pick(current.nextInvoiceNumber) };
  }
  const seriesAt = current.invoiceNumbering === 'faktura' ? (current.nextInvoiceNumber ?? 1) : undefined;
  const lowestFree = (highestUsed ?? 0) + 1;
  if (nextInvoiceNumber === undefined) {
    const next = Math.max(seriesAt ?? current.nextInvoiceNumber ?? 1, lowestFree);
    if (next > maxSeriesNumber) return seriesFull(highestUsed);
    return { invoiceNumbering, nextInvoiceNumber: next };
  }
  if (seriesAt !== undefined && nextInvoiceNumber < seriesAt)
    return invalid(
      'nextInvoiceNumber',
      `The series is at ${seriesAt}: its next number can only move forward, or numbers would be given twice`,
    );
  if (nextInvoiceNumber < lowestFree)
    return invalid(
      'nextInvoiceNumber',
      `Invoice number ${highestUsed} is already used: the series must continue from ${lowestFree} or above`,
    );
  return { invoiceNumbering, nextInvoiceNumber };
};

const pick = (nextInvoiceNumber: number | undefined) =>
  nextInvoiceNumber === undefined ? {} : { nextInvoiceNumber };

const seriesFull = (highestUsed: number | undefined): Refusal =>
  invalid(
    'nextInvoiceNumber',
    `Invoice number ${highestUsed} is already used: no series number above it is left (the highest is ${maxSeriesNumber})`,
  );

/** The whole number an invoice number stands for, when it is one ("1001"), for finding the highest used. */
export const wholeInvoiceNumber = (invoiceNumber: string): number | undefined =>
  /^\d+$/.test(invoiceNumber.trim()) ? Number(invoiceNumber.trim()) : undefined;
