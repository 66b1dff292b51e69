/**
 * The size of a DynamoDB item by DynamoDB's own rule (Developer Guide, "Item sizes and formats"),
 * computed from the item as sent on the wire (the low-level JSON: `{"S": …}`, `{"N": …}`, `{"B": base64}`, …):
 *
 * - each attribute name counts its UTF-8 bytes;
 * - a string its UTF-8 bytes; a binary its raw bytes (the base64 decoded);
 * - a number about one byte per two significant digits, plus one (leading and trailing zeros do not count);
 * - a boolean or null 1 byte;
 * - a list or map 3 bytes, plus 1 byte per element, plus its elements (and a map's names);
 * - a set the sum of its elements.
 *
 * The item limit (400 KB) applies to this size.
 */
export type WireValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: boolean }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly string[] }
  | { readonly L: readonly WireValue[] }
  | { readonly M: Readonly<Record<string, WireValue>> };

export type WireItem = Readonly<Record<string, WireValue>>;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Significant digits of a decimal number string: no sign, point, exponent, leading or trailing zeros. */
const numberSize = (text: string): number => {
  const mantissa = text.trim().replace(/^[-+]/, '').split(/[eE]/)[0]!.replace('.', '');
  const digits = mantissa.replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
};

const binarySize = (base64: string): number => Buffer.from(base64, 'base64').byteLength;

export const valueSize = (value: WireValue): number => {
  if ('S' in value) return utf8(value.S);
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return binarySize(value.B);
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return value.SS.reduce((sum, element) => sum + utf8(element), 0);
  if ('NS' in value) return value.NS.reduce((sum, element) => sum + numberSize(element), 0);
  if ('BS' in value) return value.BS.reduce((sum, element) => sum + binarySize(element), 0);
  if ('L' in value) return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  if ('M' in value)
    return (
      3 +
      Object.entries(value.M).reduce((sum, [name, element]) => sum + 1 + utf8(name) + valueSize(element), 0)
    );
  throw new Error(`Not a DynamoDB attribute value: ${JSON.stringify(value).slice(0, 80)}`);
};

export const itemSize = (item: WireItem): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);

/** The items a write request carries (PutItem, BatchWriteItem puts, TransactWriteItems puts). */
export const itemsWritten = (operation: string, body: unknown): WireItem[] => {
  const request = (body ?? {}) as {
    Item?: WireItem;
    RequestItems?: Record<string, { PutRequest?: { Item: WireItem } }[]>;
    TransactItems?: { Put?: { Item: WireItem } }[];
  };
  switch (operation) {
    case 'PutItem':
      return request.Item ? [request.Item] : [];
    case 'BatchWriteItem':
      return Object.values(request.RequestItems ?? {}).flatMap((writes) =>
        writes.flatMap((write) => (write.PutRequest ? [write.PutRequest.Item] : [])),
      );
    case 'TransactWriteItems':
      return (request.TransactItems ?? []).flatMap((action) => (action.Put ? [action.Put.Item] : []));
    default:
      return [];
  }
};
