import Big from 'big.js';

/**
 * Exact money arithmetic. Amounts travel as JSON numbers, but every sum, product and rounding here
 * is decimal (big.js), never binary floating point: 0.1 + 0.2 is 0.3 on an invoice.
 *
 * The rules (docs/design-brief.md, decision 2):
 * - a line amount is units × unit price, rounded half-up to 2 decimals (øre);
 * - VAT is 25 % of the sum of the non-exempt line amounts, rounded once;
 * - a total is the exact sum of 2-decimal amounts, so it needs no rounding at all.
 *
 * "Half-up" means half AWAY FROM ZERO, for credits too: -0.005 → -0.01, just as 0.005 → 0.01. A
 * credit line must be the exact mirror of the line it credits, so that the two cancel to 0.00;
 * rounding half towards +∞ would make a credit of -0.005 worth -0.00 while the debit is 0.01.
 */

/**
 * A constructor of our own, so that no other module changing the global Big.DP or Big.RM (they are
 * mutable statics) can change how invoices round. We never divide, so DP never applies; every
 * rounding below names its mode explicitly anyway.
 */
const Decimal = Big();

/** Danish VAT (moms): 25 %. A string, so that it enters the arithmetic exactly. */
export const VAT_RATE = '0.25';

const HALF_AWAY_FROM_ZERO = Decimal.roundHalfUp;
const ORE_DECIMALS = 2;

/**
 * The exact decimal a JSON number stands for. `String(n)` is the shortest form that reads back as
 * the same double, so 792.22 becomes "792.22" — not the 792.2200000000000272… the double holds.
 */
export const decimal = (n: number): Big => {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite amount: ${n}`);
  return Decimal(String(n));
};

/**
 * Back to a JSON number with at most 2 decimals. Amounts up to 10^13 kroner survive this exactly
 * (15 significant digits round-trip through a double). `+ 0` turns -0 into 0: "-0.00" is no amount.
 */
export const toAmount = (value: Big): number => Number(value.toFixed(ORE_DECIMALS, HALF_AWAY_FROM_ZERO)) + 0;

/** A decimal as a JSON number, unrounded (units, unit prices). */
export const toNumber = (value: Big): number => Number(value.toFixed()) + 0;

/** Rounded half away from zero to øre. */
export const roundToOre = (value: Big): Big => value.round(ORE_DECIMALS, HALF_AWAY_FROM_ZERO);

/** units × unit price, rounded half away from zero to øre. Units may be fractional or negative. */
export const lineAmount = (units: number, unitPrice: number): number =>
  toAmount(roundToOre(decimal(units).times(decimal(unitPrice))));

/** The exact sum of numbers (amounts or units); the empty sum is 0. */
export const sum = (values: readonly number[]): number =>
  toNumber(values.reduce((acc, value) => acc.plus(decimal(value)), Decimal(0)));

/** The exact sum of already-rounded amounts, as an amount. */
export const sumAmounts = (amounts: readonly number[]): number =>
  toAmount(amounts.reduce((acc, amount) => acc.plus(decimal(amount)), Decimal(0)));

/**
 * VAT on a set of line amounts: 25 % of the sum of the non-exempt ones, rounded once. Rounding per
 * line would make the seed invoice's VAT 230.20 instead of 230.19.
 */
export const vat = (amounts: readonly number[], vatExempt: readonly boolean[]): number => {
  if (amounts.length !== vatExempt.length) {
    throw new RangeError(`${amounts.length} amounts but ${vatExempt.length} VAT-exemption flags`);
  }
  const taxable = amounts.reduce(
    (acc, amount, i) => (vatExempt[i] ? acc : acc.plus(decimal(amount))),
    Decimal(0),
  );
  return toAmount(roundToOre(taxable.times(VAT_RATE)));
};

/**
 * A number in plain decimal notation (never exponent form) with at least `minDecimals` decimals and
 * all the ones it has: 25 → "25.00", 0.1234 → "0.1234", 1e-7 → "0.0000001". For documents.
 */
export const plainDecimal = (n: number, minDecimals = 0): string => {
  const plain = decimal(n).toFixed();
  const decimals = plain.split('.')[1]?.length ?? 0;
  return decimals >= minDecimals ? plain : decimal(n).toFixed(minDecimals);
};
