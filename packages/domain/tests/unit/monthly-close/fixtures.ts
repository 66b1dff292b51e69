import fc from 'fast-check';
import type { CurrentItem } from '../../../src/current-item.ts';
import type { Product } from '../../../src/product.ts';

/** Shared test data for the monthly close: builders and arbitraries. */

export const RESELLER = '65f000000000000000000001';
export const CUSTOMER = '54463ed73fc6ea53780080cf';

export const item = (overrides: Partial<CurrentItem> = {}): CurrentItem => ({
  id: 'item-1',
  reseller: RESELLER,
  customer: CUSTOMER,
  product: 'product-1',
  units: 1,
  recurrence: 'MONTHLY',
  locked: false,
  fullMonth: false,
  createdAt: '2026-01-05T09:00:00.000Z',
  ...overrides,
});

export const product = (overrides: Partial<Product> = {}): Product => ({
  id: 'product-1',
  productCode: 'ABON1',
  name: 'Mobilabonnement',
  unitType: 'MONTHS',
  unitCost: 80,
  unitWholesale: 120,
  unitPrice: 199,
  vatExempt: false,
  kind: 'subscription',
  included: false,
  externalLicense: false,
  barred: false,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

/** A month YYYY-MM between 1971 and 2100. */
export const monthArb = fc
  .record({ year: fc.integer({ min: 1971, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

/** A month of the years the dates below fall in, so that items and periods meet. */
export const recentMonthArb = fc
  .record({ year: fc.integer({ min: 2020, max: 2030 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

/** A date YYYY-MM-DD between 2020 and 2030. */
export const dateArb = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** Non-zero units as the API takes them: up to ±10^9, with 0 to 9 decimals, built from decimal text. */
export const unitsArb = fc
  .record({
    digits: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).filter((n) => n !== 0),
    places: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ digits, places }) => Number(`${digits}e-${places}`));

/** Any item of one customer, recurring or not, created before 2020 so that createdAt never matters. */
export const itemArb = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    units: unitsArb,
    recurrence: fc.constantFrom('NONE', 'MONTHLY', 'QUARTERLY', 'YEARLY' as const),
    dates: fc.tuple(fc.option(dateArb, { nil: undefined }), fc.option(dateArb, { nil: undefined })),
    fullMonth: fc.boolean(),
    locked: fc.boolean(),
    product: fc.constantFrom('product-1', 'product-2', 'product-gone'),
  })
  .map(({ dates: [a, b], ...rest }) => {
    const [from, to] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
    return item({ ...rest, from, to, createdAt: '2019-12-31T12:00:00.000Z' });
  });
