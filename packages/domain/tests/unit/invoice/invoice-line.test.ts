import { describe, expect, it } from 'vitest';
import type { CurrentItem } from '../../../src/current-item.ts';
import { invoiceLine } from '../../../src/invoice/invoice-line.ts';
import type { Product } from '../../../src/product.ts';

const product: Product = {
  id: '548ecd936b34cd1826f3ff2b',
  productCode: 'NUM01',
  name: 'Nummerleje',
  description: 'Leje af nummer',
  unitType: 'MONTHS',
  unitCost: 12.5,
  unitWholesale: 20,
  unitPrice: 25,
  vatExempt: false,
  kind: 'subscription',
  included: false,
  externalLicense: false,
  barred: false,
  createdAt: '2014-01-01T00:00:00.000Z',
  updatedAt: '2014-01-01T00:00:00.000Z',
};

describe('invoiceLine', () => {
  it("copies the product's data when nothing is overridden", () => {
    // Act
    const line = invoiceLine(product, { units: 5 });

    // Assess: no from/to keys at all, rather than undefined ones
    expect(line).toStrictEqual({
      product: '548ecd936b34cd1826f3ff2b',
      productCode: 'NUM01',
      name: 'Nummerleje',
      description: 'Leje af nummer',
      units: 5,
      type: 'MONTHS',
      unitCost: 12.5,
      unitWholesale: 20,
      unitPrice: 25,
      vatExempt: false,
      kind: 'subscription',
      included: false,
      externalLicense: false,
    });
  });

  it('applies the overrides of docs/seeds/002-create-invoice.txt', () => {
    // Act
    const line = invoiceLine(product, {
      units: -1,
      name: 'Nummerleje, kredit',
      description: 'Nummer: 70305050',
      unitCost: 0,
      unitWholesale: 0,
      unitPrice: 19.99,
      vatExempt: true,
      from: '2014-11-01',
      to: '2015-03-31',
    });

    // Assess
    expect(line).toMatchObject({
      name: 'Nummerleje, kredit',
      description: 'Nummer: 70305050',
      units: -1,
      unitCost: 0,
      unitWholesale: 0,
      unitPrice: 19.99,
      vatExempt: true,
      from: '2014-11-01',
      to: '2015-03-31',
    });
  });

  it('takes a current invoice item as it is', () => {
    // Prepare
    const item: CurrentItem = {
      id: '5a0000000000000000000001',
      reseller: '65f000000000000000000001',
      customer: '54463ed73fc6ea53780080cf',
      product: product.id,
      units: 2,
      unitPrice: 22,
      recurrence: 'NONE',
      locked: false,
      fullMonth: false,
      createdAt: '2014-12-01T00:00:00.000Z',
    };

    // Act
    const line = invoiceLine(product, item);

    // Assess
    expect(line).toMatchObject({ units: 2, unitPrice: 22, unitWholesale: 20, description: 'Leje af nummer' });
  });
});
