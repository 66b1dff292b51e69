/**
 * Points that cut the sort-key range [low, high] into `parts` ranges, so that they can be read side
 * by side (query-key-range.ts). DynamoDB says nothing of how keys are spread, so the points are
 * spaced evenly over the keys as numbers: the characters after the part both bounds share, read as
 * digits of `characters` (the characters the keys are made of, in ascending order). A character the
 * alphabet lacks counts as the nearest one below it.
 *
 * Only the balance depends on the keys' alphabet, never what is read: the points ascend and lie
 * within [low, high], so the ranges [low, p1], [p1, p2], …, [pn, high] together are [low, high].
 * When the keys cannot be told apart as numbers (their differing characters all outside the
 * alphabet), there are no points: the range is read whole.
 */
const digitsCompared = 10;

export const splitKeyRange = (low: string, high: string, parts: number, characters: string): string[] => {
  if (parts < 2 || low >= high) return [];
  let shared = 0;
  while (shared < low.length && low[shared] === high[shared]) shared += 1;
  const base = BigInt(characters.length);
  const digitOf = (character: string | undefined): bigint => {
    if (character === undefined) return 0n;
    let digit = 0;
    while (digit < characters.length - 1 && characters[digit + 1]! <= character) digit += 1;
    return BigInt(digit);
  };
  const numberOf = (key: string): bigint => {
    let value = 0n;
    for (let i = 0; i < digitsCompared; i += 1) value = value * base + digitOf(key[shared + i]);
    return value;
  };
  const keyOf = (value: bigint): string => {
    const digits: string[] = [];
    let rest = value;
    for (let i = 0; i < digitsCompared; i += 1) {
      digits.unshift(characters[Number(rest % base)]!);
      rest /= base;
    }
    return low.slice(0, shared) + digits.join('');
  };
  const from = numberOf(low);
  const span = numberOf(high) - from;
  // Keys whose differing characters are all outside the alphabet can read as equal or reversed.
  if (span <= 0n) return [];
  return Array.from({ length: parts - 1 }, (_, index) => {
    const point = keyOf(from + (span * BigInt(index + 1)) / BigInt(parts));
    if (point < low) return low;
    return point > high ? high : point;
  });
};
