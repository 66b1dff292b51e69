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
