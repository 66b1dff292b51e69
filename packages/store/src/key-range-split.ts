/**
 * Cutting a sort-key range into ranges that can be read side by side (query-key-range.ts).
 * DynamoDB says nothing of how keys are spread, so keys are read as numbers: the characters after
 * the part the range's bounds share, as digits of `characters` (what the keys are made of, in
 * ascending order; a character the alphabet lacks counts as the nearest one below it). Only the
 * balance of the ranges depends on that, never what is read.
 */
const digitsCompared = 10;

const sharedPrefixLength = (low: string, high: string): number => {
  let shared = 0;
  while (shared < low.length && low[shared] === high[shared]) shared += 1;
  return shared;
};

/** Keys as numbers after their first `shared` characters, and back. */
const keyNumbers = (shared: number, characters: string) => {
  const base = BigInt(characters.length);
  const digitOf = (character: string | undefined): bigint => {
    if (character === undefined) return 0n;
    let digit = 0;
    while (digit < characters.length - 1 && characters[digit + 1]! <= character) digit += 1;
    return BigInt(digit);
  };
  return {
    numberOf: (key: string): bigint => {
      let value = 0n;
      for (let i = 0; i < digitsCompared; i += 1) value = value * base + digitOf(key[shared + i]);
      return value;
    },
    keyOf: (prefix: string, value: bigint): string => {
      const digits: string[] = [];
      let rest = value;
      for (let i = 0; i < digitsCompared; i += 1) {
        digits.unshift(characters[Number(rest % base)]!);
        rest /= base;
      }
      return prefix.slice(0, shared) + digits.join('');
    },
  };
};

/**
 * Points that cut [low, high] into `parts` ranges, spaced evenly over the keys as numbers. They
 * ascend and lie within [low, high], so the ranges [low, p1], [p1, p2], …, [pn, high] together
 * are [low, high]. When the keys cannot be told apart as numbers (their differing characters all
 * outside the alphabet, or one key is the other followed only by the alphabet's first character,
 * which reads as the zero a shorter key is padded with), there are no points: the range is read whole.
 */
export const splitKeyRange = (low: string, high: string, parts: number, characters: string): string[] => {
  if (parts < 2 || low >= high) return [];
  const { numberOf, keyOf } = keyNumbers(sharedPrefixLength(low, high), characters);
  const from = numberOf(low);
  const span = numberOf(high) - from;
  // Keys whose differing characters are all outside the alphabet can read as equal or reversed.
  if (span <= 0n) return [];
  return Array.from({ length: parts - 1 }, (_, index) => {
    const point = keyOf(low, from + (span * BigInt(index + 1)) / BigInt(parts));
    if (point < low) return low;
    return point > high ? high : point;
  });
};

/**
 * How many ranges the rest of a read is worth, when its first page covered the keys [first, low]
 * and the rest is [low, high]: about two for each page's worth of keys still to read, so that a
 * second page of a few items is not read as many, and a month-end's eighteen pages are. Between 1
 * and `most`; `most` when the first page's keys cannot be told apart as numbers.
 */
export const rangesWorth = (
  first: string,
  low: string,
  high: string,
  characters: string,
  most: number,
): number => {
  const { numberOf } = keyNumbers(sharedPrefixLength(first, high), characters);
  const read = numberOf(low) - numberOf(first);
  const left = numberOf(high) - numberOf(low);
  if (read <= 0n) return most;
  if (left <= 0n) return 1;
  // Whole halves of a page, rounded up, in integers: BigInt has no fractions.
  const halfPages = (2n * left + read - 1n) / read;
  return halfPages >= BigInt(most) ? most : Math.max(1, Number(halfPages));
};
