import type { DraftLine, DraftOrder } from '#app/ports/accounting';
import { draftTotals } from '#domain/draft-totals';
import { localDate } from '#domain/invoice/calendar';
import { documentLanguage, formatNumber } from '#domain/invoice/language';
import { type Invoice, PENDING_INVOICE_NUMBER } from '#domain/invoice/model';
import { decimal, lineAmount, sumAmounts } from '#domain/invoice/money';
import type { PricedLine } from '#domain/invoice/totals';
import { invoiceView } from '#domain/invoice/view';
import { usableDueDate } from '#domain/payment-terms';

/**
 * From Faktura's stored invoice to the draft order an adapter sends, pure. The same mapping serves
 * e-conomic and Uniconta.
 *
 * Whose books: the reseller invoices its customer at `unitPrice` (priceColumn 'price', the
 * default); in adminMode the platform invoices the reseller at `unitWholesale` ('wholesale').
 *
 * The draft's net total is the invoice's subtotal, to the øre, for that column and document (the
 * invoice proper, or its external licences with `externalLicenses`). Lines: one per invoice line,
 * or per grouped line with `groupInvoiceLines` (grouping.ts keeps each member's rounded amount).
 * Free included lines are left out unless asked for (they are hidden on the invoice too), but only
 * when they are free in the exported column: an included line that carries an amount stays, or the
 * total would be wrong.
 *
 * THE 2-DECIMAL DECISION. e-conomic takes at most 2 decimals in a quantity or unit price (E04740),
 * and both systems compute each line's amount themselves, as quantity × price rounded. Faktura's
 * usage lines have prices like 0.0123 kr/min and quantities like 412.5 min. So, per line:
 * - when quantity and unit price have at most 2 decimals AND their product needs no rounding and
 *   equals the invoice line's amount, they are sent as they are (5 × 25.00 = 125.00);
 * - otherwise the line is sent as quantity ±1 at the line's amount (412.5 × 0.0123 = 5.07375, on
 *   the invoice 5.07, goes as 1 × 5.07), and its description says what was billed
 *   ("…, 412,5 min. à 0,0123"). The sign stays on the quantity, as on Faktura's credit lines
 *   (an adapter may move it: e-conomic takes credits as a negative unit price, draft-body.ts).
 * Nothing is ever rounded on the way: the amount sent is the invoice's own rounded line amount, so
 * the accountant sees the same line amounts, subtotal and VAT as on the invoice. Sending a product
 * that still needs rounding (e.g. 1.5 × 0.33 = 0.495) is avoided too, because the accounting
 * system's rounding mode is not ours to assume.
 */

export type PriceColumn = 'price' | 'wholesale';

export interface DraftMappingOptions {
  /** Our reference for this export of this invoice (e-conomic references.other, Uniconta YourRef). */
  readonly reference: string;
  /** The customer's number (e-conomic) or account (Uniconta): finance.accountingSystemId. */
  readonly customerNumber: string;
  /** Default 'price'; 'wholesale' for adminMode. */
  readonly priceColumn?: PriceColumn;
  readonly groupInvoiceLines?: boolean;
  /** The external-licence document instead of the invoice proper. */
  readonly externalLicenses?: boolean;
  /** Also export included lines that are free. Default false. */
  readonly showIncludedProducts?: boolean;
  /** e-conomic: the layout chosen for this export, if any (else the customer's, see master data). */
  readonly layoutNumber?: number;
}

const danish = documentLanguage('da');

const unitPriceOf = (line: PricedLine, column: PriceColumn): number =>
  column === 'price' ? line.unitPrice : line.unitWholesale;

const amountOf = (line: PricedLine, column: PriceColumn): number =>
  column === 'price' ? line.amount : line.amountWholesale;

const hasAtMostTwoDecimals = (n: number): boolean => decimal(n).round(2).eq(decimal(n));

/** "(01-10-2026 – 31-10-2026)", "(fra 01-10-2026)", "(til 31-10-2026)" or nothing. */
const period = (from: string | undefined, to: string | undefined): string | undefined => {
  if (from && to) return `(${danish.formatDate(from)} – ${danish.formatDate(to)})`;
  if (from) return `(fra ${danish.formatDate(from)})`;
  if (to) return `(til ${danish.formatDate(to)})`;
  return undefined;
};

/** "Name - description (period)"; the period once, also when the description already ends with it (a pro-rated period line). */
const lineText = (line: PricedLine): string => {
  const text = [line.name, line.description]
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part))
    .join(' - ');
  const dates = period(line.from, line.to);
  return dates && !text.endsWith(dates) ? `${text} ${dates}`.trim() : text;
};

export const draftLine = (line: PricedLine, column: PriceColumn): DraftLine => {
  const unitPrice = unitPriceOf(line, column);
  const amount = amountOf(line, column);
  const text = lineText(line);
  const exact =
    // No system takes a quantity of 0 (e-conomic's minimum is 0.01); such a line goes as 1 × 0.00.
    line.units !== 0 &&
    hasAtMostTwoDecimals(line.units) &&
    hasAtMostTwoDecimals(unitPrice) &&
    decimal(line.units).times(decimal(unitPrice)).eq(decimal(amount));
  if (exact) {
    return {
      productNumber: line.productCode,
      description: text,
      quantity: line.units + 0,
      unitNetPrice: unitPrice + 0,
      vatExempt: line.vatExempt,
    };
  }
  const quantity = line.units < 0 ? -1 : 1;
  const billed = `${formatNumber(line.units, danish)} ${danish.unitTypes[line.type]} à ${formatNumber(unitPrice, danish)}`;
  return {
    productNumber: line.productCode,
    description: `${text}, ${billed}`,
    quantity,
    unitNetPrice: decimal(amount).times(quantity).toNumber() + 0,
    vatExempt: line.vatExempt,
  };
};

/** The lines an export sends for an invoice, in invoice order. */
export const exportedLines = (
  invoice: Invoice,
  options: Pick<
    DraftMappingOptions,
    'priceColumn' | 'groupInvoiceLines' | 'externalLicenses' | 'showIncludedProducts'
  >,
): PricedLine[] => {
  const column = options.priceColumn ?? 'price';
  return invoiceView(invoice, {
    externalLicenses: options.externalLicenses ?? false,
    groupInvoiceLines: options.groupInvoiceLines ?? false,
    showIncludedProducts: true,
  }).lines.filter((line) => options.showIncludedProducts || !line.included || amountOf(line, column) !== 0);
};

/** The invoice's stored subtotal for a column and document: what the draft's lines must add up to. */
export const invoiceSubtotal = (
  invoice: Invoice,
  options: Pick<DraftMappingOptions, 'priceColumn' | 'externalLicenses'> = {},
): number => {
  const totals = options.externalLicenses ? invoice.externalLicenseTotals : invoice.totals;
  return (options.priceColumn ?? 'price') === 'price' ? totals.subTotal : totals.subTotalWholesale;
};

/** The invoice's stored VAT for a column and document: what the accounting system must arrive at. */
export const invoiceVat = (
  invoice: Invoice,
  options: Pick<DraftMappingOptions, 'priceColumn' | 'externalLicenses'> = {},
): number => {
  const totals = options.externalLicenses ? invoice.externalLicenseTotals : invoice.totals;
  return (options.priceColumn ?? 'price') === 'price' ? totals.vat : totals.vatWholesale;
};

/** A draft's net total as the accounting system computes it: each line's quantity × price, rounded. */
export const draftNetTotal = (lines: readonly DraftLine[]): number =>
  sumAmounts(lines.map((line) => lineAmount(line.quantity, line.unitNetPrice)));

export class DraftTotalMismatch extends Error {
  public override readonly name = 'DraftTotalMismatch';
}

export const draftOrderFromInvoice = (invoice: Invoice, options: DraftMappingOptions): DraftOrder => {
  const column = options.priceColumn ?? 'price';
  const priced = exportedLines(invoice, options);
  const lines = priced.map((line) => draftLine(line, column));

  // The invariant this module exists for; a mismatch is a bug, never something to send.
  const expected = invoiceSubtotal(invoice, options);
  const actual = draftNetTotal(lines);
  if (actual !== expected) {
    throw new DraftTotalMismatch(
      `Draft for invoice ${invoice.id} adds up to ${actual}, the invoice's ${column} subtotal is ${expected}`,
    );
  }

  const date = localDate(new Date(invoice.invoiceDate));
  const dueDate = invoice.dueDate === undefined ? undefined : localDate(new Date(invoice.dueDate));
  return {
    reference: options.reference,
    customerNumber: options.customerNumber,
    date,
    // Never one before the date (#domain/payment-terms); the e-conomic adapter decides the rest.
    ...(usableDueDate(date, dueDate) === undefined ? {} : { dueDate }),
    heading: heading(invoice, priced, options.externalLicenses ?? false),
    currency: 'DKK',
    ...(options.layoutNumber === undefined ? {} : { layoutNumber: options.layoutNumber }),
    lines,
    totals: draftTotals(expected, invoiceVat(invoice, options)),
  };
};

/** "Faktura 1234 - Periode faktura (01-12-2014 – 31-12-2014)"; the id while the number is pending. */
const heading = (invoice: Invoice, lines: readonly PricedLine[], externalLicenses: boolean): string => {
  const number = invoice.invoiceNumber !== PENDING_INVOICE_NUMBER ? invoice.invoiceNumber : invoice.id;
  const froms = lines.map((line) => line.from).filter((d): d is string => Boolean(d));
  const tos = lines.map((line) => line.to).filter((d): d is string => Boolean(d));
  const span = period(froms.sort()[0], tos.sort().at(-1));
  return [
    `Faktura ${number}`,
    externalLicenses ? 'eksterne licenser' : undefined,
    invoice.headline?.trim() || undefined,
  ]
    .filter(Boolean)
    .join(' - ')
    .concat(span ? ` ${span}` : '');
};
