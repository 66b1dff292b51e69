import type { InvoiceLine, InvoiceTotals } from './model.ts';
import { lineAmount, sumAmounts, vat } from './money.ts';

/**
 * An invoice's amounts, from its lines, with the money rules applied to each price column alike:
 * every line amount rounded to øre first, then summed exactly, then VAT once on the sum.
 */

/** A line's three amounts (units × unit price, each rounded to øre). */
export interface LineAmounts {
  readonly amountCost: number;
  readonly amountWholesale: number;
  readonly amount: number;
}

/**
 * A line together with its amounts. Totals are always computed from these amounts, never again
 * from units × price: a grouped line carries the sum of its members' amounts (see grouping.ts).
 */
export type PricedLine = InvoiceLine & LineAmounts;

export const priceLine = (line: InvoiceLine): PricedLine => ({
  ...line,
  amountCost: lineAmount(line.units, line.unitCost),
  amountWholesale: lineAmount(line.units, line.unitWholesale),
  amount: lineAmount(line.units, line.unitPrice),
});

/** Totals of lines whose amounts are already known (priced or grouped). */
export const totalsOfPricedLines = (
  lines: readonly (LineAmounts & Pick<InvoiceLine, 'vatExempt'>)[],
): InvoiceTotals => {
  const exempt = lines.map((line) => line.vatExempt);
  const column = (amounts: number[]) => ({ subTotal: sumAmounts(amounts), vat: vat(amounts, exempt) });
  const cost = column(lines.map((line) => line.amountCost));
  const wholesale = column(lines.map((line) => line.amountWholesale));
  const price = column(lines.map((line) => line.amount));
  return {
    subTotalCost: cost.subTotal,
    vatCost: cost.vat,
    subTotalWholesale: wholesale.subTotal,
    vatWholesale: wholesale.vat,
    subTotal: price.subTotal,
    vat: price.vat,
    total: sumAmounts([price.subTotal, price.vat]),
  };
};

/** The totals of a set of invoice lines. */
export const invoiceTotals = (lines: readonly InvoiceLine[]): InvoiceTotals =>
  totalsOfPricedLines(lines.map(priceLine));

export const zeroTotals: InvoiceTotals = invoiceTotals([]);
