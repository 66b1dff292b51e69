import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate, startOfDay, startOfLocalDate } from '../../../src/invoice/calendar.ts';

describe('Danish calendar days', () => {
  it.each([
    // now (UTC), start of that Danish day (UTC)
    ['2015-01-01T10:30:00.000Z', '2014-12-31T23:00:00.000Z'], // winter, CET
    ['2014-12-31T23:30:00.000Z', '2014-12-31T23:00:00.000Z'], // already 1 January in Copenhagen
    ['2014-12-31T22:59:59.999Z', '2014-12-30T23:00:00.000Z'], // still 31 December
    ['2024-07-01T21:30:00.000Z', '2024-06-30T22:00:00.000Z'], // summer, CEST: 23:30 on 1 July
    ['2024-07-01T22:30:00.000Z', '2024-07-01T22:00:00.000Z'], // 00:30 on 2 July
    ['2024-03-31T12:00:00.000Z', '2024-03-30T23:00:00.000Z'], // clocks go forward at 02:00 that day
    ['2024-10-27T12:00:00.000Z', '2024-10-26T22:00:00.000Z'], // clocks go back at 03:00 that day
  ])('the day of %s began at %s', (now, expected) => {
    // Act
    const start = startOfDay(new Date(now));

    // Assess
    expect(start.toISOString()).toBe(expected);
  });

  it('reads the Danish date of an instant', () => {
    expect(localDate(new Date('2014-12-31T23:00:00.000Z'))).toBe('2015-01-01');
    expect(localDate(new Date('2014-12-31T22:59:59.999Z'))).toBe('2014-12-31');
  });

  it('finds the start of a Danish date', () => {
    expect(startOfLocalDate('2015-01-14').toISOString()).toBe('2015-01-13T23:00:00.000Z');
    expect(startOfLocalDate('2024-08-01').toISOString()).toBe('2024-07-31T22:00:00.000Z');
    expect(() => startOfLocalDate('14-01-2015')).toThrow(RangeError);
  });
});

describe('Danish calendar days, as ICU tells them', () => {
  // A formatter of the test's own, asked every time: what the calendar's caches must agree with.
  const icuDate = (instant: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Copenhagen',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(instant);
  const century = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true });

  it('reads the same date as ICU for any instant of the century, asked again or not', () => {
    fc.assert(
      fc.property(century, (instant) => {
        // Act & Assess
        expect(localDate(instant)).toBe(icuDate(instant));
        expect(localDate(new Date(instant.getTime()))).toBe(icuDate(instant));
      }),
    );
  });

  it('starts each day at the instant whose date it is, one millisecond after the day before', () => {
    fc.assert(
      fc.property(century, (instant) => {
        // Prepare
        const day = icuDate(instant);

        // Act
        const start = startOfLocalDate(day);

        // Assess
        expect(icuDate(start)).toBe(day);
        expect(icuDate(new Date(start.getTime() - 1)) < day).toBe(true);
      }),
    );
  });
});
