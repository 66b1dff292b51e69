import { groupLines } from './grouping.ts';
import type { Invoice, InvoiceLine, InvoiceTotals } from './model.ts';
import { type LineSelection, selectLines } from './selection.ts';
import { type PricedLine, priceLine } from './totals.ts';

/**
 * A view of an invoice as the GET options ask for it: which lines, grouped or not, and which totals.
 * Both the JSON document and the CSV are rendered from a view.
 *
 * The totals are the stored, legal amounts of the document shown — never the sum of the lines that
 * happen to be visible. A display option (hiding free included products, showing only usage,
 * grouping) must not change what the customer owes. The one exception is `externalLicenses=true`:
 * that is a different document (the lines billed for third parties), and it shows its own stored
 * totals.
 */
export interface InvoiceViewOptions extends LineSelection {
  /** Merge lines of the same product, period and prices (grouping.ts). Default false. */
  readonly groupInvoiceLines?: boolean;
}

export interface InvoiceView {
  readonly lines: readonly PricedLine[];
  readonly totals: InvoiceTotals;
}

/** The lines a view shows, as stored: selected, and merged when grouped. */
export const invoiceViewLines = (
  invoice: Invoice,
  options: InvoiceViewOptions = {},
): readonly InvoiceLine[] =>
  // Grouping sums its members' amounts, so it needs them; the plain view has no use for amounts,
  // and pricing 10,000 lines in decimal costs more than the rest of presenting them.
  options.groupInvoiceLines ? invoiceView(invoice, options).lines : selectLines(invoice.lines, options);

/** The totals a view shows: the stored, legal amounts of the document shown. */
export const invoiceViewTotals = (invoice: Invoice, options: InvoiceViewOptions = {}): InvoiceTotals =>
  options.externalLicenses ? invoice.externalLicenseTotals : invoice.totals;

/** The view with each line's amounts, for the documents that show them (the CSV, the exports). */
export const invoiceView = (invoice: Invoice, options: InvoiceViewOptions = {}): InvoiceView => {
  // Price before grouping: each member line is rounded on its own, as it was when totals were made.
  const selected = selectLines(invoice.lines, options).map(priceLine);
  return {
    lines: options.groupInvoiceLines ? groupLines(selected) : selected,
    totals: invoiceViewTotals(invoice, options),
  };
};
