/**
 * What DynamoDB will refuse before it writes anything: an item over 400 KB, or a transaction whose
 * items add up to more than 4 MB. Writers measure their transaction with these rules first, so that
 * an invoice too large to store is refused by name (and before any other write it would depend on,
 * see period-invoices.ts) instead of failing as a ValidationException halfway through a request.
 *
 * Sizes follow DynamoDB's item size rules (attribute names count, strings as UTF-8, binary as is,
 * a map or list 3 bytes plus 1 per element), rounding numbers up to their 21-byte maximum: an
 * upper bound, never an underestimate.
 */
export const maxItemBytes = 400 * 1024;

/** DynamoDB says "4 MB"; read as decimal megabytes, the smaller of the two readings. */
export const maxTransactionBytes = 4_000_000;

const maxNumberBytes = 21;

const valueSize = (value: unknown): number => {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return maxNumberBytes;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value) || value instanceof Set)
    return [...value].reduce<number>((sum, element) => sum + 1 + valueSize(element), 3);
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).reduce(
      (sum, [name, element]) =>
        element === undefined ? sum : sum + 1 + Buffer.byteLength(name, 'utf8') + valueSize(element),
      3,
    );
  throw new Error(`No DynamoDB size for a ${typeof value}`);
};

/** The stored size of an item (its top-level attributes: names plus values). */
export const itemSize = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce(
    (sum, [name, value]) =>
      value === undefined ? sum : sum + Buffer.byteLength(name, 'utf8') + valueSize(value),
    0,
  );

/** One action of a TransactWriteItems call, as lib-dynamodb takes it. */
type TransactionAction = {
  readonly Put?: { readonly Item?: Record<string, unknown> };
  readonly Delete?: { readonly Key?: Record<string, unknown> };
  readonly Update?: { readonly Key?: Record<string, unknown> };
  readonly ConditionCheck?: { readonly Key?: Record<string, unknown> };
};

/** What each action adds to the transaction: the item it puts, or the key it names. */
export const actionSize = (action: TransactionAction): number =>
  itemSize(action.Put?.Item ?? action.Delete?.Key ?? action.Update?.Key ?? action.ConditionCheck?.Key ?? {});
