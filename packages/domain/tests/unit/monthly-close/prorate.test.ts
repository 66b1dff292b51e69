import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../src/monthly-close/iso-date.ts';
import { prorateUnits } from '../../../src/monthly-close/prorate.ts';
import { unitsArb } from './fixtures.ts';

describe('prorateUnits', () => {
  it.each([
    [1, 18, 30, 0.6],
    [1, 10, 30, 0.333333], // 0.3333333… rounds down
    [2, 10, 30, 0.666667], // 0.6666666… rounds up
    [1, 10, 31, 0.322581],
    [0.000001, 1, 2, 0.000001], // exactly half: away from zero
    [-0.000001, 1, 2, -0.000001], // and the mirror for a credit
    [0.00016, 30, 31, 0.000155], // 0.0001548387… at 6 decimals
    [0.123456789, 1, 2, 0.061728395], // 9 decimals kept: 0.0617283945 → 0.061728395
    [7.25, 31, 31, 7.25], // the whole share is the units themselves
  ])('%d × %i/%i = %d', (units, part, whole, expected) => {
    // Act and assess
    expect(prorateUnits(units, part, whole)).toBe(expected);
  });

  it('refuses what is no share', () => {
    // Act and assess
    expect(() => prorateUnits(1, 31, 30)).toThrow(RangeError);
    expect(() => prorateUnits(1, 1.5, 30)).toThrow(RangeError);
    expect(() => prorateUnits(1, 1, 0)).toThrow(RangeError);
  });

  it('credits the exact mirror of the debit, and never exceeds the units', () => {
    fc.assert(
      fc.property(unitsArb, fc.integer({ min: 1, max: 366 }), fc.nat(), (units, whole, n) => {
        // Prepare
        const part = n % (whole + 1);

        // Act
        const share = prorateUnits(units, part, whole);

        // Assess
        expect(prorateUnits(-units, part, whole)).toBe(-share + 0);
        expect(Math.abs(share)).toBeLessThanOrEqual(Math.abs(units));
      }),
    );
  });
});

describe('isIsoDate', () => {
  it('knows the calendar', () => {
    // Act and assess
    expect(['2028-02-29', '2026-12-31', '0001-01-01'].every(isIsoDate)).toBe(true);
    expect(['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '2026-11-31', ''].some(isIsoDate)).toBe(
      false,
    );
  });
});
