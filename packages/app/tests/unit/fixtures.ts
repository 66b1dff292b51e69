import type { Caller } from '#domain/caller';
import type { CurrentItem } from '#domain/current-item';
import type { Customer } from '#domain/customer';
import type { Product } from '#domain/product';
import type { Reseller } from '#domain/reseller';

/** Two tenants, their staff and a customer's user; ids in the store's 24-hex form. */
export const resellerA = '65f000000000000000000001';
export const resellerB = '65f000000000000000000002';
export const customerId = '65f000000000000000000101';
export const productId = '65f000000000000000000201';
export const itemId = '65f000000000000000000301';
export const newId = '65f0000000000000000009aa';
export const now = new Date('2026-11-15T10:00:00.000Z');

export const admin: Caller = { userId: 'admin-1', role: 'ADMIN', email: 'admin@faktura.test' };
export const staffOfA: Caller = {
  userId: 'staff-a',
  role: 'RESELLER',
  reseller: resellerA,
  email: 'a@a.test',
};
export const staffOfB: Caller = { userId: 'staff-b', role: 'RESELLER', reseller: resellerB };
export const userOfCustomer: Caller = {
  userId: 'user-1',
  role: 'USER',
  reseller: resellerA,
  customer: customerId,
};

export const customer = (overrides: Partial<Customer> = {}): Customer => ({
  id: customerId,
  reseller: resellerA,
  name: 'Kunde ApS',
  finance: { accountingSystemId: '1001' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

export const reseller = (overrides: Partial<Reseller> = {}): Reseller => ({
  id: resellerA,
  name: 'Forhandler A',
  email: 'a@a.test',
  language: 'da',
  finance: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

export const product = (overrides: Partial<Product> = {}): Product => ({
  id: productId,
  productCode: 'NUM01',
  name: 'Nummerleje',
  unitType: 'MONTHS',
  unitCost: 10,
  unitWholesale: 20,
  unitPrice: 25,
  vatExempt: false,
  kind: 'subscription',
  included: false,
  externalLicense: false,
  barred: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

export const currentItem = (overrides: Partial<CurrentItem> = {}): CurrentItem => ({
  id: itemId,
  reseller: resellerA,
  customer: customerId,
  product: productId,
  units: 2,
  recurrence: 'NONE',
  locked: false,
  fullMonth: false,
  createdAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

export const clock = { now: () => now };
export const ids = { newId: () => newId };
