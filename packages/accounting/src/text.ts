/**
 * Cuts a text to at most `max` characters for a field with a length limit, without splitting a
 * surrogate pair (an emoji in a customer name must not become half a character). The result is at
 * most `max` UTF-16 code units, hence also at most `max` code points, whichever way the system
 * counts. Leading and trailing whitespace is trimmed first; an empty result is undefined, so the
 * field is left out rather than sent empty.
 */
export const truncate = (text: string | undefined, max: number): string | undefined => {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.length <= max) return trimmed;
  let cut = trimmed.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
};

/**
 * The number of decimals of a JSON number as written (`String(n)`, the shortest form that reads
 * back as the same double): 0.1 → 1, 412.5 → 1, 0.0123 → 4, 1e-7 → 7, 25 → 0.
 */
export const decimalPlaces = (n: number): number => {
  if (!Number.isFinite(n)) return Number.POSITIVE_INFINITY;
  const text = String(Math.abs(n));
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) return Number.POSITIVE_INFINITY;
  const fraction = match[2]?.length ?? 0;
  const exponent = Number(match[3] ?? 0);
  return Math.max(0, fraction - exponent);
};

/** A deep copy without `undefined` and `null` members: e-conomic rejects an explicit null. */
export const withoutNulls = <T>(value: T): T => {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== null && item !== undefined).map(withoutNulls) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== null && item !== undefined)
        .map(([key, item]) => [key, withoutNulls(item)]),
    ) as T;
  }
  return value;
};
