import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DANISH_TIME_ZONE, localDate, startOfLocalDate } from '../../../src/invoice/calendar.ts';
import {
  addMonths,
  closedPeriod,
  isMonthForm,
  monthsBetween,
  parsePeriod,
  periodEnd,
  periodInvoiceDate,
} from '../../../src/monthly-close/period.ts';
import { monthArb } from './fixtures.ts';

describe('closedPeriod', () => {
  it.each([
    // [scheduled instant (UTC), what it is in Copenhagen, month closed]
    ['2026-12-01T01:00:00.000Z', '02:00 on 1 December, CET', '2026-11'],
    ['2027-01-01T01:00:00.000Z', '02:00 on 1 January, CET: the year turns', '2026-12'],
    ['2026-04-01T00:00:00.000Z', '02:00 on 1 April, CEST', '2026-03'],
    ['2026-11-01T01:00:00.000Z', '02:00 on 1 November, CET again', '2026-10'],
    ['2026-11-30T23:00:00.000Z', 'midnight starting 1 December: November has just ended', '2026-11'],
    [
      '2026-11-30T22:59:59.999Z',
      'the last millisecond of November: October is the last month ended',
      '2026-10',
    ],
    ['2026-12-15T12:00:00.000Z', 'a late run on the 15th still closes November', '2026-11'],
  ])('%s (%s) closes %s', (instant, _, month) => {
    // Act
    const period = closedPeriod(new Date(instant));

    // Assess
    expect(period.month).toBe(month);
  });

  it('closes every month when run at 02:00 Copenhagen time on the 1st of the next', () => {
    fc.assert(
      fc.property(monthArb, (month) => {
        // Prepare
        const scheduled = new Date(startOfLocalDate(`${addMonths(month, 1)}-01`).getTime() + 2 * 3_600_000);

        // Act
        const period = closedPeriod(scheduled);

        // Assess
        expect(period).toStrictEqual(parsePeriod(month));
      }),
    );
  });
});

describe('parsePeriod', () => {
  it.each([
    ['2026-10', '2026-10-01', '2026-10-31', 31],
    ['2026-11', '2026-11-01', '2026-11-30', 30],
    ['2026-02', '2026-02-01', '2026-02-28', 28],
    ['2028-02', '2028-02-01', '2028-02-29', 29],
    ['2100-02', '2100-02-01', '2100-02-28', 28],
    ['2000-02', '2000-02-01', '2000-02-29', 29],
    ['2026-12', '2026-12-01', '2026-12-31', 31],
  ])('%s is %s to %s, %i days', (month, first, last, days) => {
    // Act
    const period = parsePeriod(month);

    // Assess
    expect(period).toStrictEqual({ month, first, last, days });
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '', 'oktober'])('refuses %j', (text) => {
    // Act and assess
    expect(() => parsePeriod(text)).toThrow(RangeError);
  });
});

describe('month arithmetic', () => {
  it('moves across years both ways', () => {
    // Act and assess
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 12)).toBe('2027-11');
    expect(monthsBetween('2025-11-10', '2026-11')).toBe(12);
    expect(monthsBetween('2026-12', '2026-11')).toBe(-1);
  });

  it('undoes itself', () => {
    fc.assert(
      fc.property(monthArb, fc.integer({ min: -500, max: 500 }), (month, count) => {
        // Act
        const moved = addMonths(month, count);

        // Assess
        expect(monthsBetween(month, moved)).toBe(count);
        expect(addMonths(moved, -count)).toBe(month);
      }),
    );
  });
});

describe('periodEnd', () => {
  it('is midnight in Copenhagen at the start of the next month', () => {
    // Act and assess
    expect(periodEnd(parsePeriod('2026-11')).toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(periodEnd(parsePeriod('2026-09')).toISOString()).toBe('2026-09-30T22:00:00.000Z');
  });
});

describe('periodInvoiceDate', () => {
  it('is the Danish date on which the period ends, for every month', () => {
    // Act and assess
    expect(periodInvoiceDate('2026-10')).toBe('2026-11-01');
    expect(periodInvoiceDate('2026-12')).toBe('2027-01-01');
    fc.assert(
      fc.property(monthArb, (month) => {
        expect(periodInvoiceDate(month)).toBe(localDate(periodEnd(parsePeriod(month)), DANISH_TIME_ZONE));
      }),
    );
  });
});

describe('isMonthForm', () => {
  it.each([
    ['2026-10', true],
    ['2026-13', true],
    ['2026-1', false],
    ['2026-10-01', false],
    [' 2026-10', false],
    [202610, false],
    [undefined, false],
  ])('%j has the form of a month: %s', (value, expected) => {
    // Act
    const result = isMonthForm(value);

    // Assess
    expect(result).toBe(expected);
  });
});
