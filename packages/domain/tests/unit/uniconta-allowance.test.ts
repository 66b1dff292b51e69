import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowanceFigures,
  allowanceProblem,
  unicontaCallDay,
  unicontaCallsNeeded,
  unicontaDailyCallAllowance,
} from '#domain/uniconta-allowance';

describe('unicontaCallsNeeded', () => {
  it('is two calls per invoice (the order header and one InsertList of its lines), and the VAT tables once per batch', () => {
    // Act & Assess: batches of 100 up to 9,000 invoices, then 90 batches
    expect(unicontaCallsNeeded(0)).toBe(0);
    expect(unicontaCallsNeeded(1)).toBe(2 + 4);
    expect(unicontaCallsNeeded(100)).toBe(200 + 4);
    expect(unicontaCallsNeeded(101)).toBe(202 + 2 * 4);
    expect(unicontaCallsNeeded(20_000)).toBe(40_000 + 90 * 4);
  });

  it('never needs fewer than two calls per invoice, nor more than two and the VAT tables of each invoice (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (invoices) => {
        const needed = unicontaCallsNeeded(invoices);
        expect(needed).toBeGreaterThan(2 * invoices);
        expect(needed).toBeLessThanOrEqual(6 * invoices);
      }),
    );
  });

  it('lets a standard plan take at most 2,450 invoices in a day with nothing else called', () => {
    // Act
    const fits = (invoices: number) =>
      allowanceProblem(allowanceFigures(unicontaCallsNeeded(invoices), 0, unicontaDailyCallAllowance), 'd');

    // Assess: 2 × 2,450 + 4 × 25 batches = 5,000
    expect(unicontaDailyCallAllowance).toBe(5_000);
    expect(fits(2_450)).toBeUndefined();
    expect(fits(2_451)?.key).toBe('uniconta.allowance');
  });
});

describe('allowanceProblem', () => {
  it('refuses exactly when the calls needed exceed what remains, never below zero remaining', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 200_000 }),
        fc.nat({ max: 200_000 }),
        fc.integer({ min: 1, max: 80_000 }),
        (needed, usedToday, allowance) => {
          // Act
          const figures = allowanceFigures(needed, usedToday, allowance);
          const problem = allowanceProblem(figures, '2026-11-15');

          // Assess
          expect(figures.remaining).toBe(Math.max(0, allowance - usedToday));
          expect(problem === undefined).toBe(needed <= Math.max(0, allowance - usedToday));
        },
      ),
    );
  });

  it('gives the figures: needed, remaining, allowance, used, and the Danish day', () => {
    // Act
    const problem = allowanceProblem(allowanceFigures(2_400, 4_000, 5_000), '2026-11-15');

    // Assess
    expect(problem).toEqual({
      key: 'uniconta.allowance',
      description:
        "The export needs 2,400 Uniconta calls, and 1,000 of today's allowance of 5,000 remain (4,000 used on 2026-11-15, Danish time); Uniconta's count starts again at midnight",
    });
  });

  it('says 0 remain once the day is over its allowance', () => {
    // Act
    const problem = allowanceProblem(allowanceFigures(2, 5_003, 5_000), '2026-11-15');

    // Assess
    expect(problem?.description).toBe(
      "The export needs 2 Uniconta calls, and 0 of today's allowance of 5,000 remain (5,003 used on 2026-11-15, Danish time); Uniconta's count starts again at midnight",
    );
  });
});

describe('unicontaCallDay', () => {
  it("counts a call in the Danish day: UTC's late evening is already tomorrow in Copenhagen", () => {
    // Act & Assess
    expect(unicontaCallDay(new Date('2026-11-15T22:59:59.999Z'))).toBe('2026-11-15');
    expect(unicontaCallDay(new Date('2026-11-15T23:00:00.000Z'))).toBe('2026-11-16');
    // Summer time: midnight in Copenhagen is 22:00 UTC.
    expect(unicontaCallDay(new Date('2026-07-01T22:00:00.000Z'))).toBe('2026-07-02');
  });
});
