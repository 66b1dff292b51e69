import Big from 'big.js';
import type { InvoiceLine } from './model.ts';
import { decimal, roundToOre } from './money.ts';

/**
 * The limits within which every amount Faktura accepts is stored and summed exactly (README,
 * "Limits"). Amounts are JSON numbers in kroner, in DynamoDB too; a double holds every decimal of up
 * to 15 significant digits exactly, so the limits keep every stored figure well below that: units
 * (≤ 9 + 6 digits), unit amounts (≤ 10 + 4), and every amount in øre at most
 * 1.25 × 10^13 (the largest total with VAT), 700 times below Number.MAX_SAFE_INTEGER. All sums are
 * decimal (big.js) in between, so only what is stored and sent has to fit in a double.
 */
export const moneyLimits = {
  /** |units| of a line or a current-invoice item, at most 6 decimals. */
  units: 1_000_000_000,
  unitsDecimals: 6,
  /** A unit cost, wholesale or price (kr), at most 4 decimals, not negative. */
  unitAmount: 1_000_000_000,
  unitAmountDecimals: 4,
  /** |units × unit amount| of one line, rounded to øre, in each price column (kr). */
  lineAmount: 10_000_000_000,
  /** The sum of |line amount| over an invoice's lines, in each price column (kr). */
  invoiceAmount: 100_000_000_000,
} as const;

export const priceColumns = ['unitCost', 'unitWholesale', 'unitPrice'] as const;
export type PriceColumn = (typeof priceColumns)[number];

type Priced = Pick<InvoiceLine, 'units' | PriceColumn>;

/** What a column is called in a refusal. */
export const columnLabel: Readonly<Record<PriceColumn, string>> = {
  unitCost: 'unit cost',
  unitWholesale: 'unit wholesale',
  unitPrice: 'unit price',
};

const Decimal = Big();

const absoluteAmount = (line: Priced, column: PriceColumn): Big =>
  roundToOre(decimal(line.units).times(decimal(line[column]))).abs();

/** The price columns in which the line's amount is beyond `moneyLimits.lineAmount`. */
export const columnsBeyondLineLimit = (line: Priced): PriceColumn[] =>
  priceColumns.filter((column) => absoluteAmount(line, column).gt(moneyLimits.lineAmount));

/** The first price column in which the line's amount is beyond `moneyLimits.lineAmount`, if any. */
export const columnBeyondLineLimit = (line: Priced): PriceColumn | undefined =>
  columnsBeyondLineLimit(line)[0];

/**
 * The running sum of an invoice's line amounts (as absolute values, so that no mix of debits and
 * credits can hide a large figure in a subtotal, a VAT or a grouped line), per price column.
 */
export class InvoiceAmountTally {
  private readonly sums = new Map<PriceColumn, Big>(priceColumns.map((column) => [column, Decimal(0)]));

  /**
   * Counts the line in when the invoice stays within `moneyLimits.invoiceAmount` in every column;
   * otherwise counts nothing and names the first column that would be beyond it. A line beyond the
   * line limit is the caller's to refuse first (columnBeyondLineLimit).
   */
  public admit(line: Priced): PriceColumn | undefined {
    const next = priceColumns.map((column) => this.sums.get(column)!.plus(absoluteAmount(line, column)));
    const beyond = priceColumns.find((_, index) => next[index]!.gt(moneyLimits.invoiceAmount));
    if (beyond) return beyond;
    priceColumns.forEach((column, index) => {
      this.sums.set(column, next[index]!);
    });
    return undefined;
  }
}

/**
 * Units and unit amounts within their own limits, as far as exactness needs: their size. (The
 * request schemas also refuse negative unit amounts and more decimals than `unitsDecimals` /
 * `unitAmountDecimals`: rules of the API, not of arithmetic, as the values arrive as doubles.)
 */
export const fieldsWithinLimits = (line: Priced): boolean =>
  Math.abs(line.units) <= moneyLimits.units &&
  priceColumns.every((column) => Math.abs(line[column]) <= moneyLimits.unitAmount);

/** Whether a whole invoice's lines are within every limit: what may be stored. */
export const withinMoneyLimits = (lines: readonly Priced[]): boolean => {
  const tally = new InvoiceAmountTally();
  return lines.every(
    (line) =>
      fieldsWithinLimits(line) &&
      columnBeyondLineLimit(line) === undefined &&
      tally.admit(line) === undefined,
  );
};

/**
 * The most current-invoice items one invoice can bill. An invoice and the removal of the items it
 * bills are one DynamoDB transaction (100 actions at most), and the invoice's own writes (header,
 * line chunks, claims, feed) need the rest; so a request naming more is refused up front.
 */
export const maxConsumedItemsPerInvoice = 80;
