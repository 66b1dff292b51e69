import { describe, expect, it } from 'vitest';
import { presentCurrentItem, presentProduct } from '../../src/catalog-documents.ts';
import type { CurrentItem } from '../../src/current-item.ts';
import type { Product } from '../../src/product.ts';

const product: Product = {
  id: '65f000000000000000000201',
  productCode: 'NUM01',
  name: 'Nummerleje',
  unitType: 'MONTHS',
  unitCost: 1,
  unitWholesale: 2,
  unitPrice: 3,
  vatExempt: false,
  kind: 'subscription',
  included: false,
  externalLicense: false,
  barred: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const item: CurrentItem = {
  id: '65f000000000000000000301',
  reseller: '65f000000000000000000001',
  customer: '65f000000000000000000101',
  product: product.id,
  units: 2,
  unitCost: 0.5,
  unitWholesale: 1.5,
  unitPrice: 2.5,
  recurrence: 'NONE',
  locked: false,
  fullMonth: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  claimedBy: '65f000000000000000000401',
};

describe('presentProduct', () => {
  it('shows each role its own prices, with the id as _id', () => {
    // Act
    const [admin, reseller, user] = (['ADMIN', 'RESELLER', 'USER'] as const).map((role) =>
      presentProduct(product, role),
    );

    // Assess
    expect(admin).toMatchObject({ _id: product.id, unitCost: 1, unitWholesale: 2, unitPrice: 3 });
    expect(reseller).not.toHaveProperty('unitCost');
    expect(reseller).toMatchObject({ unitWholesale: 2, unitPrice: 3 });
    expect(user).not.toHaveProperty('unitWholesale');
    expect(user).not.toHaveProperty('unitCost');
    expect(user).toMatchObject({ _id: product.id, unitPrice: 3 });
    expect(user).not.toHaveProperty('id');
  });
});

describe('presentCurrentItem', () => {
  it('leaves out the overrides a role may not see and the close’s claim', () => {
    // Act
    const [admin, user] = [presentCurrentItem(item, 'ADMIN'), presentCurrentItem(item, 'USER')];

    // Assess
    expect(admin).toMatchObject({ _id: item.id, unitCost: 0.5, unitWholesale: 1.5, unitPrice: 2.5 });
    expect(admin).not.toHaveProperty('claimedBy');
    expect(Object.keys(user).sort()).toEqual(
      [
        '_id',
        'reseller',
        'customer',
        'product',
        'units',
        'unitPrice',
        'recurrence',
        'locked',
        'fullMonth',
        'createdAt',
      ].sort(),
    );
  });
});
