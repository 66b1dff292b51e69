import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingDecision } from '../../../src/monthly-close/billing-rules.ts';
import { parsePeriod } from '../../../src/monthly-close/period.ts';
import { dateArb, item, itemArb, monthArb, recentMonthArb } from './fixtures.ts';

const november = parsePeriod('2026-11'); // 30 days

describe('billingDecision: monthly items', () => {
  it('bills a monthly item without dates for the whole month', () => {
    // Act
    const decision = billingDecision(item({ units: 2 }), november);

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 2,
      from: '2026-11-01',
      to: '2026-11-30',
      prorated: false,
      consume: false,
    });
  });

  it('pro-rates a mid-month start by days: 13-30 November is 18/30 = 0.6', () => {
    // Act
    const decision = billingDecision(item({ from: '2026-11-13' }), november);

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 0.6,
      from: '2026-11-13',
      to: '2026-11-30',
      prorated: true,
      consume: false,
    });
  });

  it('pro-rates a mid-month stop and consumes the item: 1-10 November is 10/30 = 0.333333', () => {
    // Act
    const decision = billingDecision(item({ from: '2026-01-01', to: '2026-11-10' }), november);

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 0.333333,
      from: '2026-11-01',
      to: '2026-11-10',
      prorated: true,
      consume: true,
    });
  });

  it('consumes an item that stops on the last day, billed in full', () => {
    // Act
    const decision = billingDecision(item({ to: '2026-11-30' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: true, units: 1, prorated: false, consume: true });
  });

  it('bills a full-month item for the whole month even when it starts and stops inside it', () => {
    // Act
    const decision = billingDecision(
      item({ from: '2026-11-20', to: '2026-11-25', fullMonth: true, units: 3 }),
      november,
    );

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 3,
      from: '2026-11-01',
      to: '2026-11-30',
      prorated: false,
      consume: true,
    });
  });

  it('credits with the mirror of the debit: -1 unit from 21 November is -10/30 = -0.333333', () => {
    // Act
    const decision = billingDecision(item({ units: -1, from: '2026-11-21' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: true, units: -0.333333, from: '2026-11-21', prorated: true });
  });

  it('bills a locked item: locked only keeps it out of invoices made by hand', () => {
    // Act
    const decision = billingDecision(item({ locked: true }), november);

    // Assess
    expect(decision).toMatchObject({ billed: true, units: 1 });
  });

  it('does not bill an item that starts after the month', () => {
    // Act
    const decision = billingDecision(item({ from: '2026-12-01' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: false, reason: 'NOT_STARTED' });
  });

  it('does not bill, nor consume, an item that ended before the month', () => {
    // Act
    const decision = billingDecision(item({ to: '2026-10-31' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: false, reason: 'ENDED' });
  });

  it('leaves what came onto the current invoice after the month ended to the next close', () => {
    // Prepare: 1 December 2026, 00:30 in Copenhagen.
    const late = item({ createdAt: '2026-11-30T23:30:00.000Z' });

    // Act
    const decision = billingDecision(late, november);

    // Assess
    expect(decision).toMatchObject({ billed: false, reason: 'CREATED_AFTER_PERIOD' });
    expect(billingDecision(late, parsePeriod('2026-12'))).toMatchObject({ billed: true });
  });

  it('rounds a share half away from zero to 6 decimals: 1 unit × 10/31 = 0.3225806… → 0.322581', () => {
    // Act
    const decision = billingDecision(item({ from: '2026-10-22' }), parsePeriod('2026-10'));

    // Assess
    expect(decision).toMatchObject({ units: 0.322581, prorated: true });
  });

  it('does not bill a share that rounds to nothing', () => {
    // Act: 0.000001 × 1/30 = 0.0000000333… → 0 at 6 decimals.
    const decision = billingDecision(item({ units: 0.000001, from: '2026-11-30' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: false, reason: 'PRORATED_TO_ZERO' });
  });
});

describe('billingDecision: one-off items', () => {
  it('bills a one-off item as it is and consumes it', () => {
    // Act
    const decision = billingDecision(item({ recurrence: 'NONE', units: 1 }), november);

    // Assess
    expect(decision).toStrictEqual({ billed: true, units: 1, prorated: false, consume: true });
  });

  it('does not pro-rate a one-off item and keeps its own dates, even when they lie before the month', () => {
    // Prepare: October usage, put on the current invoice in November.
    const usage = item({ recurrence: 'NONE', units: 1.5, from: '2026-10-20', to: '2026-10-31' });

    // Act
    const decision = billingDecision(usage, november);

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 1.5,
      from: '2026-10-20',
      to: '2026-10-31',
      prorated: false,
      consume: true,
    });
  });

  it('keeps a one-off item that starts after the month for a later close', () => {
    // Act
    const decision = billingDecision(item({ recurrence: 'NONE', from: '2026-12-03' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: false, reason: 'NOT_STARTED' });
  });
});

describe('billingDecision: quarterly and yearly items', () => {
  it('bills a quarterly item in its month for the quarter that begins then: November-January', () => {
    // Act: from August, so billed in August, November, February, May.
    const decision = billingDecision(item({ recurrence: 'QUARTERLY', from: '2026-08-01' }), november);

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 1,
      from: '2026-11-01',
      to: '2027-01-31',
      prorated: false,
      consume: false,
    });
  });

  it('does not bill a quarterly item outside its months', () => {
    // Act: from September: billed in September and December, not November.
    const decision = billingDecision(item({ recurrence: 'QUARTERLY', from: '2026-09-15' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: false, reason: 'NOT_ITS_MONTH' });
  });

  it('pro-rates a quarterly item that stops inside its quarter by days of the quarter, and consumes it', () => {
    // Act: 1 November - 15 December is 30 + 15 = 45 of the quarter's 30 + 31 + 31 = 92 days;
    // 2 × 45/92 = 0.9782608… → 0.978261.
    const decision = billingDecision(
      item({ recurrence: 'QUARTERLY', units: 2, from: '2026-05-01', to: '2026-12-15' }),
      november,
    );

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 0.978261,
      from: '2026-11-01',
      to: '2026-12-15',
      prorated: true,
      consume: true,
    });
  });

  it('bills a full-month quarterly item that stops inside its quarter for the whole months it touches', () => {
    // Act: stops 15 December: November and December, 2 of 3 months = 0.666667.
    const decision = billingDecision(
      item({ recurrence: 'QUARTERLY', from: '2026-08-01', to: '2026-12-15', fullMonth: true }),
      november,
    );

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 0.666667,
      from: '2026-11-01',
      to: '2026-12-31',
      prorated: true,
      consume: true,
    });
  });

  it('counts the months of an item without a from date from the month it was created in', () => {
    // Prepare: created 10 August 2026 (Copenhagen): billed in August, November, February, May.
    const created = { recurrence: 'QUARTERLY' as const, createdAt: '2026-08-10T08:00:00.000Z' };

    // Act and assess
    expect(billingDecision(item(created), november)).toMatchObject({ billed: true, units: 1 });
    expect(billingDecision(item(created), parsePeriod('2026-10'))).toMatchObject({ reason: 'NOT_ITS_MONTH' });
  });

  it('bills a yearly item in its month for the year that begins then', () => {
    // Act: from 10 November 2025; its second year is November 2026 - October 2027.
    const decision = billingDecision(item({ recurrence: 'YEARLY', from: '2025-11-10' }), november);

    // Assess
    expect(decision).toStrictEqual({
      billed: true,
      units: 1,
      from: '2026-11-01',
      to: '2027-10-31',
      prorated: false,
      consume: false,
    });
  });

  it('pro-rates a yearly item in its first month: 10 November 2026 - 31 October 2027 is 356/365', () => {
    // Act: 356/365 = 0.97534246… → 0.975342.
    const decision = billingDecision(item({ recurrence: 'YEARLY', from: '2026-11-10' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: true, units: 0.975342, from: '2026-11-10', prorated: true });
  });

  it('does not bill a yearly item outside its month', () => {
    // Act
    const decision = billingDecision(item({ recurrence: 'YEARLY', from: '2026-03-01' }), november);

    // Assess
    expect(decision).toMatchObject({ billed: false, reason: 'NOT_ITS_MONTH' });
  });
});

describe('billingDecision: malformed items', () => {
  it.each([
    ['a date that does not exist', { from: '2026-02-30' }],
    ['from after to', { from: '2026-11-20', to: '2026-11-10' }],
    ['units that are no number', { units: Number.NaN }],
    ['a createdAt that is no instant', { createdAt: 'yesterday' }],
    ['an unknown recurrence', { recurrence: 'WEEKLY' as never }],
  ])('leaves an item with %s for a person, without throwing', (_, overrides) => {
    // Act
    const decision = billingDecision(item(overrides), november);

    // Assess
    expect(decision).toMatchObject({ billed: false, reason: 'INVALID_ITEM' });
  });
});

describe('billingDecision: properties', () => {
  it('never bills more units than the item has, and always with its sign', () => {
    fc.assert(
      fc.property(itemArb, recentMonthArb, (anyItem, month) => {
        // Act
        const decision = billingDecision(anyItem, parsePeriod(month));

        // Assess
        if (!decision.billed) return;
        expect(Math.abs(decision.units)).toBeLessThanOrEqual(Math.abs(anyItem.units));
        expect(Math.sign(decision.units)).toBe(Math.sign(anyItem.units));
        if (!decision.prorated) expect(decision.units).toBe(anyItem.units);
      }),
    );
  });

  it('bills a monthly item that covers the whole month, or is full-month, exactly its units', () => {
    fc.assert(
      fc.property(itemArb, recentMonthArb, fc.boolean(), (anyItem, month, fullMonth) => {
        // Prepare: a monthly item whose dates include the month, or any full-month one that touches it.
        const period = parsePeriod(month);
        const monthly = fullMonth
          ? { ...anyItem, recurrence: 'MONTHLY' as const, fullMonth: true }
          : {
              ...anyItem,
              recurrence: 'MONTHLY' as const,
              from: anyItem.from !== undefined && anyItem.from < period.first ? anyItem.from : undefined,
              to: anyItem.to !== undefined && anyItem.to > period.last ? anyItem.to : undefined,
            };
        fc.pre(monthly.from === undefined || monthly.from <= period.last);
        fc.pre(monthly.to === undefined || monthly.to >= period.first);

        // Act
        const decision = billingDecision(monthly, period);

        // Assess
        expect(decision).toMatchObject({ billed: true, units: anyItem.units, prorated: false });
        expect(decision).toMatchObject({ from: period.first, to: period.last });
      }),
    );
  });

  it('bills the covered days of a monthly item, and nothing outside the month', () => {
    fc.assert(
      fc.property(dateArb, dateArb, monthArb, (a, b, month) => {
        // Prepare
        const [from, to] = a <= b ? [a, b] : [b, a];
        const period = parsePeriod(month);

        // Act
        const decision = billingDecision(item({ from, to, createdAt: '2019-01-01T00:00:00Z' }), period);

        // Assess
        if (!decision.billed) {
          expect(from > period.last || to < period.first).toBe(true);
          return;
        }
        expect(decision.from! >= period.first && decision.to! <= period.last).toBe(true);
        expect(decision.from! >= from && decision.to! <= to).toBe(true);
      }),
    );
  });

  it('is a pure function: the same item and month give the same decision', () => {
    fc.assert(
      fc.property(itemArb, monthArb, (anyItem, month) => {
        // Act
        const first = billingDecision(anyItem, parsePeriod(month));
        const second = billingDecision(structuredClone(anyItem), parsePeriod(month));

        // Assess
        expect(second).toStrictEqual(first);
      }),
    );
  });
});
