import { describe, expect, it } from 'vitest';
import {
  lineVatCode,
  unicontaOrderTotals,
  unicontaVatBook,
  vatZoneIndex,
} from '../../../src/uniconta/vat-book.ts';

const book = unicontaVatBook({
  vatCodes: [
    { Vat: 'U25', Rate: 25 },
    { Vat: 'UEU', Rate: 0 },
    { Vat: 'UFRI', Rate: 0 },
    { Vat: 'U12', Rate: 12.5 },
  ],
  groups: [
    { Group: 'Varer', SalesVat: 'U25', SalesVat1: 'UEU', UseFirstIfBlank: true },
    { Group: 'Strikt', SalesVat: 'U25' },
  ],
  items: [{ Item: 'NUM01', Group: 'Varer' }, { Item: 'STRIKT', Group: 'Strikt' }, { Item: 'LOES' }],
  debtors: [
    { Account: 'DK', VatZone: 'Domestic' },
    { Account: 'EU', VatZone: 'EUMember' },
    { Account: 'UDL', VatZone: 2 },
  ],
});

describe('Uniconta VAT rule', () => {
  it('reads the VAT zone by name or number, domestic when unknown', () => {
    expect(['Domestic', 'EUMember', 'abroad', 3, 'ExemptVat', 'Mars', undefined].map(vatZoneIndex)).toEqual([
      0, 1, 2, 3, 4, 0, 0,
    ]);
  });

  it('takes the line’s own code first, then the item group’s for the debtor’s zone', () => {
    expect(lineVatCode(book, 'DK', { Item: 'NUM01', Vat: 'UFRI' })).toBe('UFRI');
    expect(lineVatCode(book, 'DK', { Item: 'NUM01' })).toBe('U25');
    expect(lineVatCode(book, 'EU', { Item: 'NUM01' })).toBe('UEU');
  });

  it('falls back to the domestic code for an empty zone only where the group says UseFirstIfBlank', () => {
    expect(lineVatCode(book, 'UDL', { Item: 'NUM01' })).toBe('U25');
    expect(lineVatCode(book, 'UDL', { Item: 'STRIKT' })).toBeUndefined();
    expect(lineVatCode(book, 'DK', { Item: 'LOES' })).toBeUndefined();
  });

  it('totals the stored lines: each Qty × Price to øre, VAT rounded once per rate', () => {
    // Prepare: 3 × 0.335 = 1.005 → 1.01 (half away from zero); 12.5 % of 0.99 = 0.12375 → 0.12
    const lines = [
      { Item: 'NUM01', Qty: 3, Price: 0.335 },
      { Item: 'NUM01', Qty: 1, Price: 350, Vat: 'UFRI' },
      { Item: 'NUM01', Qty: 1, Price: 0.99, Vat: 'U12' },
      { Item: 'NUM01', Qty: -1, Price: 1.01 },
    ];

    // Act
    const totals = unicontaOrderTotals(book, 'DK', lines);

    // Assess: 25 % of (1.01 − 1.01) = 0; 0.12 at 12.5 %
    expect(totals).toEqual({ net: 350.99, vat: 0.12, gross: 351.11 });
  });

  it('counts a line whose code the company does not have as carrying no VAT, so the difference shows', () => {
    expect(unicontaOrderTotals(book, 'DK', [{ Item: 'NUM01', Qty: 1, Price: 100, Vat: 'GONE' }])).toEqual({
      net: 100,
      vat: 0,
      gross: 100,
    });
  });
});
