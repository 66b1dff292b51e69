import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimal,
  lineAmount,
  plainDecimal,
  sum,
  sumAmounts,
  toAmount,
  VAT_RATE,
  vat,
} from '../../../src/invoice/money.ts';
import { exactDecimal, lineOre, ore, vatOre } from './fixtures.ts';

describe('lineAmount', () => {
  it.each([
    // units, unit price, amount
    [5, 25, 125],
    [1, 792.22, 792.22],
    [3, 0.1, 0.3], // binary floating point: 0.30000000000000004
    [1, 1.005, 1.01], // (1.005).toFixed(2) is "1.00": the double is 1.00499999…
    [1.5, 0.335, 0.5], // 0.5025 → 0.50
    [0.5, 0.01, 0.01], // 0.005 → 0.01, half up
    [-0.5, 0.01, -0.01], // -0.005 → -0.01, half away from zero: the mirror of the debit
    [-1, 1.005, -1.01],
    [2.5, -3.333, -8.33], // -8.3325
    [0, 792.22, 0],
  ])('%s × %s = %s', (units, unitPrice, expected) => {
    // Act
    const amount = lineAmount(units, unitPrice);

    // Assess
    expect(amount).toBe(expected);
  });

  it('is units × price rounded half away from zero to øre, for any decimals with up to 4 places', () => {
    fc.assert(
      fc.property(exactDecimal(), exactDecimal(), (units, unitPrice) => {
        // Act
        const amount = lineAmount(units.value, unitPrice.value);

        // Assess: against integer øre arithmetic
        expect(ore(amount)).toBe(lineOre(units, unitPrice));
      }),
    );
  });

  it('makes a credit the exact opposite of its debit', () => {
    fc.assert(
      fc.property(exactDecimal(), exactDecimal(), (units, unitPrice) => {
        // Act
        const debit = lineAmount(units.value, unitPrice.value);
        const credit = lineAmount(-units.value, unitPrice.value);

        // Assess
        expect(sumAmounts([debit, credit])).toBe(0);
        expect(credit).toBe(-debit + 0);
      }),
    );
  });

  it('rounds half up even when another module has changed the global Big rounding mode', () => {
    // Prepare
    const previous = Big.RM;
    Big.RM = Big.roundDown;
    try {
      // Act
      const amount = lineAmount(0.5, 0.01);

      // Assess
      expect(amount).toBe(0.01);
    } finally {
      Big.RM = previous;
    }
  });
});

describe('vat', () => {
  it('is 25 % of the sum of the rounded amounts, rounded once (docs/seeds/003-get-invoice.txt: 230.19, not 230.20)', () => {
    // Prepare: per line, 31.25 + 198.055 + 0.885 would round to 31.25 + 198.06 + 0.89 = 230.20
    const amounts = [125, 792.22, 3.54];

    // Act
    const tax = vat(amounts, [false, false, false]);

    // Assess
    expect(tax).toBe(230.19);
  });

  it('leaves out exempt amounts', () => {
    // Act
    const tax = vat([100, 1000], [false, true]);

    // Assess
    expect(tax).toBe(25);
  });

  it('is 0 when every amount is exempt, or there are none', () => {
    fc.assert(
      fc.property(fc.array(exactDecimal(1_000_000n, 2)), (amounts) => {
        // Act
        const tax = vat(
          amounts.map((amount) => amount.value),
          amounts.map(() => true),
        );

        // Assess
        expect(Object.is(tax, 0)).toBe(true);
      }),
    );
  });

  it('rounds half away from zero, credits included', () => {
    // Act + Assess: 25 % of 0.02 is 0.005
    expect(vat([0.02], [false])).toBe(0.01);
    expect(vat([-0.02], [false])).toBe(-0.01);
  });

  it('matches integer øre arithmetic', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(exactDecimal(10_000_000n, 2), fc.boolean())), (entries) => {
        // Prepare
        const taxable = entries.reduce(
          (acc, [amount, exempt]) => (exempt ? acc : acc + amount.int * 10n ** BigInt(2 - amount.scale)),
          0n,
        );

        // Act
        const tax = vat(
          entries.map(([amount]) => amount.value),
          entries.map(([, exempt]) => exempt),
        );

        // Assess
        expect(ore(tax)).toBe(vatOre(taxable));
      }),
    );
  });

  it('refuses amounts and flags that do not pair up', () => {
    expect(() => vat([1, 2], [false])).toThrow(RangeError);
  });

  it('is Danish moms', () => {
    expect(VAT_RATE).toBe('0.25');
  });
});

describe('sums and conversions', () => {
  it('adds exactly', () => {
    expect(sum([0.1, 0.2])).toBe(0.3);
    expect(sum([])).toBe(0);
    expect(sumAmounts([0.1, 0.2, -0.3])).toBe(0);
  });

  it('never answers -0', () => {
    // Act
    const amount = toAmount(decimal(-0.001));

    // Assess
    expect(Object.is(amount, 0)).toBe(true);
  });

  it('reads a JSON number as its shortest decimal form', () => {
    expect(decimal(792.22).toString()).toBe('792.22');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (n) => {
    expect(() => decimal(n)).toThrow(RangeError);
  });

  it.each([
    [25, 2, '25.00'],
    [0.1234, 2, '0.1234'],
    [1e-7, 0, '0.0000001'],
    [1e21, 0, '1000000000000000000000'],
    [-3.5, 2, '-3.50'],
    [5, 0, '5'],
  ])('writes %s with at least %s decimals as %s', (n, minDecimals, expected) => {
    expect(plainDecimal(n, minDecimals)).toBe(expected);
  });
});
