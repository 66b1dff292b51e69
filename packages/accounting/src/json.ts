/**
 * Lenient readers for what the accounting systems answer. Their documents carry many fields we do
 * not use, and may gain more; these read only what the adapters need and never trust a type.
 */
export type JsonRecord = Readonly<Record<string, unknown>>;

export const asRecord = (value: unknown): JsonRecord | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonRecord) : undefined;

export const asRecords = (value: unknown): JsonRecord[] =>
  Array.isArray(value) ? value.flatMap((item) => (asRecord(item) ? [item as JsonRecord] : [])) : [];

export const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

export const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : undefined;

export const asInteger = (value: unknown): number | undefined => {
  const n = asNumber(value);
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
};

/** A nested member: `at(customer, 'layout', 'layoutNumber')`. */
export const at = (value: unknown, ...path: string[]): unknown => {
  let current: unknown = value;
  for (const key of path) {
    const record = asRecord(current);
    if (!record) return undefined;
    current = record[key];
  }
  return current;
};
