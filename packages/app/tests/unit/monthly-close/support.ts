import { vi } from 'vitest';
import type { CurrentItem } from '#domain/current-item';
import type { Customer } from '#domain/customer';
import type { Product } from '#domain/product';
import type { CurrentItemStore, PeriodInvoiceStore } from '../../../src/monthly-close/ports.ts';

export { item, product } from '../../../../domain/tests/unit/monthly-close/fixtures.ts';

export const now = new Date('2026-11-01T01:00:05.000Z');

export const customer = (overrides: Partial<Customer> = {}): Customer => ({
  id: '54463ed73fc6ea53780080cf',
  reseller: '65f000000000000000000001',
  name: 'Kunde',
  finance: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** The ports of one customer's close: its current items as given, nothing claimed by another invoice. */
export const closePorts = (items: readonly CurrentItem[]) => {
  const currentItems: CurrentItemStore = { listCurrentItems: vi.fn(async () => [...items]) };
  const periodInvoices: PeriodInvoiceStore = {
    settleEarlierClaims: vi.fn(async (_id, listed) => ({ free: [...listed], unfinished: [] })),
    putPeriodInvoice: vi.fn(async () => 'created' as const),
  };
  return { currentItems, periodInvoices, clock: { now: () => now }, log: { warn: vi.fn() } };
};

export const catalogue =
  (...products: Product[]) =>
  async () =>
    new Map(products.map((each) => [each.id, each]));
