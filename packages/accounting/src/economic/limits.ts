import schema from './orders.drafts.post.schema.json' with { type: 'json' };

/**
 * The limits of a draft order, read from e-conomic's own JSON schema (draft-03) for
 * `POST /orders/drafts`, kept byte for byte beside this file (from
 * `https://restapi.e-conomic.com/schema/orders.drafts.post.schema.json`). Reading them instead of
 * copying the numbers keeps the adapter and the published contract from drifting apart; a schema
 * without one of these properties fails at import, not on a customer's export.
 */

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly maxLength?: number;
  readonly maxDecimal?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

const node = (path: readonly string[]): SchemaNode => {
  let current: SchemaNode = schema as SchemaNode;
  for (const key of path) {
    const next: SchemaNode | undefined = key === '[]' ? current.items : current.properties?.[key];
    if (!next) throw new Error(`orders.drafts.post schema has no ${path.join('.')}`);
    current = next;
  }
  return current;
};

const numberAt = (
  path: readonly string[],
  keyword: 'maxLength' | 'maxDecimal' | 'minimum' | 'maximum',
): number => {
  const value = node(path)[keyword];
  if (typeof value !== 'number')
    throw new Error(`orders.drafts.post schema has no ${keyword} on ${path.join('.')}`);
  return value;
};

export const draftLimits = {
  recipientName: numberAt(['recipient', 'name'], 'maxLength'),
  recipientAddress: numberAt(['recipient', 'address'], 'maxLength'),
  recipientZip: numberAt(['recipient', 'zip'], 'maxLength'),
  recipientCity: numberAt(['recipient', 'city'], 'maxLength'),
  recipientCountry: numberAt(['recipient', 'country'], 'maxLength'),
  recipientEan: numberAt(['recipient', 'ean'], 'maxLength'),
  heading: numberAt(['notes', 'heading'], 'maxLength'),
  referenceOther: numberAt(['references', 'other'], 'maxLength'),
  lineDescription: numberAt(['lines', '[]', 'description'], 'maxLength'),
  productNumber: numberAt(['lines', '[]', 'product', 'productNumber'], 'maxLength'),
  quantityDecimals: numberAt(['lines', '[]', 'quantity'], 'maxDecimal'),
  unitNetPriceDecimals: numberAt(['lines', '[]', 'unitNetPrice'], 'maxDecimal'),
  customerNumberMin: numberAt(['customer', 'customerNumber'], 'minimum'),
  customerNumberMax: numberAt(['customer', 'customerNumber'], 'maximum'),
} as const;
