import Big from 'big.js';

/**
 * Exact decimal arithmetic for the amounts a draft carries (no binary floating point in sums;
 * docs/design-brief.md, decision 2). JSON numbers arrive as doubles; each is read through its shortest
 * decimal form (`String(n)`), which is the literal the client wrote for any number a client would
 * send.
 */
export const toBig = (value: number): Big => new Big(String(value));

/** Decimal places of a number as written: 10.12345 → 5, 2.5 → 1, 1e-7 → 7, 100 → 0. */
export const decimalPlaces = (value: number): number => {
  if (!Number.isFinite(value)) return 0;
  const big = toBig(value);
  return Math.max(0, big.c.length - 1 - big.e);
};

/** Half-up (away from zero on a tie) to 2 decimals. */
export const round2 = (value: Big): Big => value.round(2, Big.roundHalfUp);

/** A Big as a JSON number (amounts here have at most a few decimals, so this is exact). */
export const toNumber = (value: Big): number => Number(value.toFixed());
