import { describe, expect, it } from 'vitest';
import { productVatOf } from '../../../src/invoice/product-vat.ts';
import { line } from './fixtures.ts';

describe('productVatOf', () => {
  it('sorts the products of one document by how their lines bill VAT', () => {
    // Prepare
    const lines = [
      line({ productCode: 'GEBYR', units: 1, unitPrice: 350, vatExempt: true }),
      line({ productCode: 'NUM01', units: 5, unitPrice: 25 }),
      line({ productCode: 'NUM01', units: 1, unitPrice: 25 }),
      line({ productCode: 'MIX', units: 1, unitPrice: 10, vatExempt: true }),
      line({ productCode: 'MIX', units: 1, unitPrice: 10 }),
      line({ productCode: 'LIC', units: 1, unitPrice: 60, externalLicense: true, vatExempt: true }),
    ];

    // Act
    const invoice = productVatOf(lines, false);
    const licences = productVatOf(lines, true);

    // Assess: a product billed both ways is in both lists (e-conomic can give it only one rate)
    expect(invoice).toEqual({ exempt: ['GEBYR', 'MIX'], liable: ['NUM01', 'MIX'] });
    expect(licences).toEqual({ exempt: ['LIC'], liable: [] });
  });

  it('leaves out a line that bills nothing in any column: it carries no VAT either way', () => {
    const free = line({ productCode: 'INCL', units: 1, unitPrice: 0, unitWholesale: 0, vatExempt: true });
    const wholesaleOnly = line({ productCode: 'WS', units: 1, unitPrice: 0, unitWholesale: 5 });

    expect(productVatOf([free, wholesaleOnly], false)).toEqual({ exempt: [], liable: ['WS'] });
  });
});
