import Big from 'big.js';
import { decimal, toNumber } from '../invoice/money.ts';

/**
 * Units × a fraction (covered days / days of the period), exactly, in decimal. A pro-rated share is
 * rarely a terminating decimal (10/30 of a month), so it is rounded once, half away from zero (the
 * invoice's rounding: a credit mirrors its debit), to PRORATED_UNIT_DECIMALS places.
 *
 * Why 6 places: the line amount is units × unit price rounded to øre, and an error of at most
 * 0.0000005 units keeps it within ½ øre of the exact share for unit prices up to 10,000 kr, so the
 * invoice says what billing staff compute by hand (199 kr × 10/31 = 64.19; with 4 places it would
 * be 0.3226 × 199 = 64.20). Units that already carry more places than that keep all of theirs, so a
 * share can never round above the item's own units.
 */
export const PRORATED_UNIT_DECIMALS = 6;

/**
 * A constructor of our own (as in money.ts), so that no other module's Big.DP or Big.RM can change
 * the rounding. DP 0: the one division below is of the units scaled to whole steps of the last
 * place, so dividing to an integer with RM half-up is the one correctly rounded step.
 */
const Exact = Big();
Exact.DP = 0;
Exact.RM = Big.roundHalfUp;

/** The number of decimal places a number carries: 0.123456789 → 9, 1e-7 → 7, 25 → 0. */
export const decimalPlaces = (n: number): number => decimal(n).toFixed().split('.')[1]?.length ?? 0;

/** The places a share of these units is rounded to: 6, or more if the units carry more. */
export const proratedPlaces = (units: number): number =>
  Math.max(PRORATED_UNIT_DECIMALS, decimalPlaces(units));

/**
 * units × part / whole, rounded half away from zero to proratedPlaces(units). The whole share
 * (part = whole) is the units themselves, unrounded. `part` and `whole` are counts (days or months).
 */
export const prorateUnits = (units: number, part: number, whole: number): number => {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || whole <= 0 || part < 0 || part > whole) {
    throw new RangeError(`Not a share: ${part}/${whole}`);
  }
  if (part === whole) return units;
  const places = proratedPlaces(units);
  const steps = Exact(decimal(units))
    .times(part)
    .times(Exact(`1e${places}`))
    .div(whole);
  return toNumber(steps.times(Exact(`1e-${places}`)));
};
