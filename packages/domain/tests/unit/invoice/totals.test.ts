import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceTotals, priceLine, totalsOfPricedLines, zeroTotals } from '../../../src/invoice/totals.ts';
import {
  exactLine,
  invoiceLine,
  line,
  lineOre,
  ore,
  seed002Lines,
  seed003Lines,
  vatOre,
} from './fixtures.ts';

describe('invoiceTotals', () => {
  it('comes out to the øre on docs/seeds/003-get-invoice.txt, for prices and for wholesale', () => {
    // Act
    const totals = invoiceTotals(seed003Lines);

    // Assess: the seed's own numbers
    expect(totals).toMatchObject({
      subTotal: 920.76,
      vat: 230.19,
      total: 1150.95,
      subTotalWholesale: 499.81,
      vatWholesale: 124.95,
    });
    // Our made-up cost prices: 62.50 + 301.07 + 1.20 = 364.77; 25 % = 91.1925
    expect(totals).toMatchObject({ subTotalCost: 364.77, vatCost: 91.19 });
  });

  it("gives docs/seeds/002-create-invoice.txt's example lines their right totals (the seed prints 003's instead)", () => {
    // Act
    const totals = invoiceTotals(seed002Lines);

    // Assess: 200 + 125 + 792.22; 25 % of 1117.22 is 279.305, half up; 25 % of 598.18 is 149.545
    expect(totals).toMatchObject({
      subTotal: 1117.22,
      vat: 279.31,
      total: 1396.53,
      subTotalWholesale: 598.18,
      vatWholesale: 149.55,
    });
  });

  it('are the exact sums of the rounded line amounts, VAT rounded once, in every price column', () => {
    fc.assert(
      fc.property(fc.array(exactLine, { maxLength: 20 }), (lines) => {
        // Prepare: the reference, in integer øre
        const column = (unit: 'unitCost' | 'unitWholesale' | 'unitPrice') => {
          const amounts = lines.map((entry) => lineOre(entry.units, entry[unit]));
          const subTotal = amounts.reduce((acc, amount) => acc + amount, 0n);
          const taxable = amounts.reduce(
            (acc, amount, i) => (lines[i]!.line.vatExempt ? acc : acc + amount),
            0n,
          );
          return { subTotal, vat: vatOre(taxable) };
        };
        const cost = column('unitCost');
        const wholesale = column('unitWholesale');
        const price = column('unitPrice');

        // Act
        const totals = invoiceTotals(lines.map((entry) => entry.line));

        // Assess
        expect(ore(totals.subTotalCost)).toBe(cost.subTotal);
        expect(ore(totals.vatCost)).toBe(cost.vat);
        expect(ore(totals.subTotalWholesale)).toBe(wholesale.subTotal);
        expect(ore(totals.vatWholesale)).toBe(wholesale.vat);
        expect(ore(totals.subTotal)).toBe(price.subTotal);
        expect(ore(totals.vat)).toBe(price.vat);
        expect(ore(totals.total)).toBe(price.subTotal + price.vat);
      }),
    );
  });

  it('has no VAT when every line is exempt', () => {
    fc.assert(
      fc.property(fc.array(invoiceLine, { maxLength: 20 }), (lines) => {
        // Act
        const totals = invoiceTotals(lines.map((entry) => ({ ...entry, vatExempt: true })));

        // Assess
        expect(totals.vat).toBe(0);
        expect(totals.vatWholesale).toBe(0);
        expect(totals.vatCost).toBe(0);
        expect(totals.total).toBe(totals.subTotal);
      }),
    );
  });

  it('cancels to zero when every line is credited by its opposite', () => {
    fc.assert(
      fc.property(fc.array(invoiceLine, { maxLength: 20 }), (lines) => {
        // Prepare
        const credits = lines.map((entry) => ({ ...entry, units: -entry.units }));

        // Act
        const totals = invoiceTotals([...lines, ...credits]);

        // Assess: 0, and not -0
        for (const amount of Object.values(totals)) expect(Object.is(amount, 0)).toBe(true);
      }),
    );
  });

  it('credits with negative units', () => {
    // Prepare
    const credit = line({ units: -2, unitPrice: 49.995, unitWholesale: 30 });

    // Act
    const totals = invoiceTotals([credit]);

    // Assess: -99.99; 25 % is -24.9975
    expect(totals).toMatchObject({ subTotal: -99.99, vat: -25, total: -124.99, subTotalWholesale: -60 });
  });

  it('are zero for no lines', () => {
    expect(zeroTotals).toEqual({
      subTotalCost: 0,
      vatCost: 0,
      subTotalWholesale: 0,
      vatWholesale: 0,
      subTotal: 0,
      vat: 0,
      total: 0,
    });
  });
});

describe('priceLine', () => {
  it('adds the three rounded amounts', () => {
    // Act
    const priced = priceLine(line({ units: 3, unitCost: 0.333, unitWholesale: 1.005, unitPrice: 2.125 }));

    // Assess
    expect(priced).toMatchObject({ amountCost: 1, amountWholesale: 3.02, amount: 6.38 });
  });

  it('is what the totals are summed from', () => {
    fc.assert(
      fc.property(fc.array(invoiceLine, { maxLength: 20 }), (lines) => {
        expect(totalsOfPricedLines(lines.map(priceLine))).toEqual(invoiceTotals(lines));
      }),
    );
  });
});
