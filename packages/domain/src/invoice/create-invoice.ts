import { startOfDay } from './calendar.ts';
import { withinMoneyLimits } from './limits.ts';
import { type Invoice, type InvoiceLine, PENDING_INVOICE_NUMBER } from './model.ts';
import { documentLines } from './selection.ts';
import { invoiceTotals } from './totals.ts';

/**
 * Makes the invoice to store, from lines already resolved against the catalogue (invoice-line.ts):
 * fills the seed's defaults and computes the totals, once. The totals are stored with the invoice
 * because they are its legal amounts; every later view shows them as they are.
 *
 * Pure: the id and the clock come in as arguments. Input validation (the docs/seeds/002-create-invoice.txt error table:
 * dates, headline, units, prices, "Nothing to invoice") is the handler's, before it calls this.
 */
export interface NewInvoice {
  readonly reseller: string;
  readonly customer: string;
  /** Default false. */
  readonly sent?: boolean;
  /** Omitted: PENDING_INVOICE_NUMBER, to be set by the accounting system. */
  readonly invoiceNumber?: string;
  /** Default false; the monthly close makes period invoices. */
  readonly period?: boolean;
  /** Default: today, i.e. the start of the current Danish calendar day. */
  readonly invoiceDate?: Date;
  readonly dueDate?: Date;
  /** Default false. */
  readonly paid?: boolean;
  readonly headline?: string;
  readonly lines: readonly InvoiceLine[];
  readonly createdBy?: string;
}

export interface CreationContext {
  readonly id: string;
  readonly now: Date;
}

/**
 * Throws on lines beyond the money limits (limits.ts): an invoice whose amounts a double cannot hold
 * exactly must never be made. Callers check first and refuse (422) or skip, naming the field.
 */
export const createInvoice = (input: NewInvoice, context: CreationContext): Invoice => {
  if (!withinMoneyLimits(input.lines)) throw new RangeError('Invoice lines are beyond the money limits');
  return invoiceOf(input, context);
};

const invoiceOf = (input: NewInvoice, { id, now }: CreationContext): Invoice => ({
  id,
  reseller: input.reseller,
  customer: input.customer,
  sent: input.sent ?? false,
  invoiceNumber: input.invoiceNumber ?? PENDING_INVOICE_NUMBER,
  period: input.period ?? false,
  invoiceDate: (input.invoiceDate ?? startOfDay(now)).toISOString(),
  ...(input.dueDate === undefined ? {} : { dueDate: input.dueDate.toISOString() }),
  paid: input.paid ?? false,
  ...(input.headline === undefined ? {} : { headline: input.headline }),
  lines: [...input.lines],
  totals: invoiceTotals(documentLines(input.lines, false)),
  externalLicenseTotals: invoiceTotals(documentLines(input.lines, true)),
  createdAt: now.toISOString(),
  ...(input.createdBy === undefined ? {} : { createdBy: input.createdBy }),
});
