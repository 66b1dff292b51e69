import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInvoice } from '../../../src/invoice/create-invoice.ts';
import {
  columnBeyondLineLimit,
  InvoiceAmountTally,
  moneyLimits,
  withinMoneyLimits,
} from '../../../src/invoice/limits.ts';
import type { InvoiceLine, InvoiceTotals } from '../../../src/invoice/model.ts';
import { exactDecimal, line } from './fixtures.ts';

/**
 * The money limits: every invoice whose lines are within them has totals that are exactly the
 * decimal sums (big.js computes them here on its own), and stay exact as JSON numbers; anything
 * beyond them is never made into an invoice.
 */
const context = { id: '65f0000000000000000000bb', now: new Date('2026-11-15T10:00:00Z') };
const party = { reseller: '65f000000000000000000001', customer: '65f000000000000000000101' };

/** Units and unit amounts as the API takes them, at every magnitude up to their limits. */
const units = fc
  .oneof(
    { arbitrary: exactDecimal(1_000n, 6), weight: 3 },
    { arbitrary: exactDecimal(1_000_000n, 6), weight: 2 },
    { arbitrary: exactDecimal(1_000_000_000n, 6), weight: 1 },
  )
  .map(({ value }) => value);
const unitAmount = fc
  .oneof(
    { arbitrary: exactDecimal(10n, 4), weight: 3 },
    { arbitrary: exactDecimal(100_000n, 4), weight: 2 },
    { arbitrary: exactDecimal(1_000_000_000n, 4), weight: 1 },
  )
  .map(({ value }) => Math.abs(value));
const pricedLine = fc
  .record({
    units,
    unitCost: unitAmount,
    unitWholesale: unitAmount,
    unitPrice: unitAmount,
    vatExempt: fc.boolean(),
  })
  .map((fields) => line(fields));

const roundedAmount = (units: number, price: number): Big =>
  new Big(String(units)).times(String(price)).round(2, Big.roundHalfUp);

/** The totals computed by big.js alone, as strings with 2 decimals. */
const expectedTotals = (lines: readonly InvoiceLine[]) => {
  const column = (price: (l: InvoiceLine) => number) => {
    const amounts = lines.map((l) => roundedAmount(l.units, price(l)));
    const subTotal = amounts.reduce((sum, amount) => sum.plus(amount), new Big(0));
    const taxable = amounts.reduce(
      (sum, amount, i) => (lines[i]!.vatExempt ? sum : sum.plus(amount)),
      new Big(0),
    );
    return { subTotal, vat: taxable.times('0.25').round(2, Big.roundHalfUp) };
  };
  const cost = column((l) => l.unitCost);
  const wholesale = column((l) => l.unitWholesale);
  const price = column((l) => l.unitPrice);
  return {
    subTotalCost: cost.subTotal,
    vatCost: cost.vat,
    subTotalWholesale: wholesale.subTotal,
    vatWholesale: wholesale.vat,
    subTotal: price.subTotal,
    vat: price.vat,
    total: price.subTotal.plus(price.vat),
  };
};

describe('withinMoneyLimits and createInvoice', () => {
  it('sums every accepted combination exactly, and every figure survives JSON and a DynamoDB number', () => {
    fc.assert(
      fc.property(fc.array(pricedLine, { minLength: 1, maxLength: 6 }), (lines) => {
        fc.pre(withinMoneyLimits(lines));

        // Act
        const invoice = createInvoice({ ...party, lines }, context);

        // Assess
        const expected = expectedTotals(lines);
        for (const [field, value] of Object.entries(invoice.totals) as [keyof InvoiceTotals, number][]) {
          const stored = JSON.parse(JSON.stringify(value)) as number;
          expect(new Big(String(stored)).eq(expected[field]), `${field}: ${stored}`).toBe(true);
          expect(Math.abs(stored * 100)).toBeLessThan(Number.MAX_SAFE_INTEGER / 100);
        }
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it('never makes an invoice of lines beyond the limits', () => {
    fc.assert(
      fc.property(fc.array(pricedLine, { minLength: 1, maxLength: 12 }), (lines) => {
        fc.pre(!withinMoneyLimits(lines));

        // Act
        const make = () => createInvoice({ ...party, lines }, context);

        // Assess
        expect(make).toThrow(RangeError);
      }),
      { numRuns: 200 },
    );
  });

  it('takes a line at the line limit and refuses one øre more, in any column', () => {
    // Prepare
    const atLimit = line({ units: 10_000, unitPrice: 1_000_000, unitCost: 1, unitWholesale: 2 });
    const beyond = line({ units: -1_000_000.0001, unitCost: 10_000 });

    // Act
    const columns = [columnBeyondLineLimit(atLimit), columnBeyondLineLimit(beyond)];

    // Assess
    expect(columns).toEqual([undefined, 'unitCost']);
    expect(moneyLimits.lineAmount).toBe(10_000_000_000);
  });

  it('counts absolute amounts: credits cannot make room for a larger invoice', () => {
    // Prepare
    const tally = new InvoiceAmountTally();
    const debit = line({ units: 10_000, unitPrice: 1_000_000 });
    const credit = line({ units: -10_000, unitPrice: 1_000_000 });
    const lines = [debit, credit, debit, credit, debit, credit, debit, credit, debit, credit];

    // Act
    const admitted = lines.map((l) => tally.admit(l));
    const eleventh = tally.admit(debit);
    const oneOre = tally.admit(line({ units: 1, unitPrice: 0.01 }));

    // Assess
    expect(admitted).toEqual(Array(10).fill(undefined));
    expect(eleventh).toBe('unitPrice');
    expect(oneOre).toBe('unitPrice');
    expect(withinMoneyLimits(lines)).toBe(true);
    expect(withinMoneyLimits([...lines, debit])).toBe(false);
  });

  it('keeps the largest invoice it takes exact to the øre', () => {
    // Prepare: nine lines of 9,999,999,999.99 kr, one of 9,999,899,999.99 kr and one of 0.09 kr
    const lines = [
      ...Array.from({ length: 9 }, () => line({ units: 999_999_999.999, unitPrice: 10 })),
      line({ units: 999_999_999.999, unitPrice: 9.9999 }),
      line({ units: 0.9, unitPrice: 0.1 }),
    ];

    // Act
    const invoice = createInvoice({ ...party, lines }, context);

    // Assess
    expect(invoice.totals.subTotal).toBe(99_999_899_999.99);
    expect(invoice.totals.vat).toBe(24_999_975_000);
    expect(invoice.totals.total).toBe(124_999_874_999.99);
  });
});
