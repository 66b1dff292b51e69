/**
 * The limits of a draft order in e-conomic's own JSON schema (draft-03) for `POST /orders/drafts`
 * (`https://restapi.e-conomic.com/schema/orders.drafts.post.schema.json`, kept byte for byte in
 * docs/contracts/economic-schemas/). Each limit names where the schema states it, and
 * `tests/unit/draft-limits.test.ts` reads every one from the published schema: a limit that drifts
 * from it fails the tests, not a customer's export.
 *
 * Why numbers and not the schema read at import: the schema is ~12 KB of every bundle that exports
 * to e-conomic (docs/performance.md), parsed at every cold start for these fourteen numbers.
 */
export interface DraftLimit {
  /** Where the schema states it: property names, `[]` for an array's items. */
  readonly path: readonly string[];
  readonly keyword: 'maxLength' | 'maxDecimal' | 'minimum' | 'maximum';
  readonly value: number;
}

export const draftLimitSources = {
  recipientName: { path: ['recipient', 'name'], keyword: 'maxLength', value: 250 },
  recipientAddress: { path: ['recipient', 'address'], keyword: 'maxLength', value: 250 },
  recipientZip: { path: ['recipient', 'zip'], keyword: 'maxLength', value: 50 },
  recipientCity: { path: ['recipient', 'city'], keyword: 'maxLength', value: 250 },
  recipientCountry: { path: ['recipient', 'country'], keyword: 'maxLength', value: 50 },
  recipientEan: { path: ['recipient', 'ean'], keyword: 'maxLength', value: 13 },
  heading: { path: ['notes', 'heading'], keyword: 'maxLength', value: 250 },
  referenceOther: { path: ['references', 'other'], keyword: 'maxLength', value: 250 },
  lineDescription: { path: ['lines', '[]', 'description'], keyword: 'maxLength', value: 2500 },
  productNumber: { path: ['lines', '[]', 'product', 'productNumber'], keyword: 'maxLength', value: 25 },
  quantityDecimals: { path: ['lines', '[]', 'quantity'], keyword: 'maxDecimal', value: 2 },
  unitNetPriceDecimals: { path: ['lines', '[]', 'unitNetPrice'], keyword: 'maxDecimal', value: 2 },
  customerNumberMin: { path: ['customer', 'customerNumber'], keyword: 'minimum', value: 1 },
  customerNumberMax: { path: ['customer', 'customerNumber'], keyword: 'maximum', value: 999_999_999 },
} as const satisfies Record<string, DraftLimit>;

type Limits = { readonly [Name in keyof typeof draftLimitSources]: number };

export const draftLimits: Limits = Object.fromEntries(
  Object.entries(draftLimitSources).map(([name, { value }]) => [name, value]),
) as Limits;
