/**
 * The order in which POST /invoice reports its problems: the order of the request (the fields as
 * the seed lists them, lines by index, each line's fields in order), whichever check found them, so
 * a caller can read the list against its request top to bottom.
 */
export const invoiceRequestFields = [
  'customer',
  'reseller',
  'sent',
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'paid',
  'headline',
  'lines',
  'currentInvoices',
] as const;

export const invoiceLineFields = [
  'product',
  'name',
  'description',
  'units',
  'unitCost',
  'unitWholesale',
  'unitPrice',
  'vatExempt',
  'from',
  'to',
] as const;

const fieldOrder: readonly string[] = invoiceRequestFields;
const lineFieldOrder: readonly string[] = invoiceLineFields;

const rank = (key: string): number[] => {
  const match = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(key);
  const field = fieldOrder.indexOf(match?.[1] ?? key);
  return [
    field === -1 ? fieldOrder.length : field,
    Number(match?.[2] ?? -1),
    lineFieldOrder.indexOf(match?.[3] ?? ''),
  ];
};

const compare = (a: number[], b: number[]): number =>
  a.reduce((result, value, i) => result || value - b[i]!, 0);

export const inRequestOrder = <Problem extends { readonly key: string }>(
  problems: readonly Problem[],
): Problem[] => [...problems].sort((a, b) => compare(rank(a.key), rank(b.key)));
