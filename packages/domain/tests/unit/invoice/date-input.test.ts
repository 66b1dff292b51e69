import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay, parseLineDate } from '../../../src/invoice/date-input.ts';

describe('parseDay', () => {
  it.each([
    ['2026-11-01', '2026-10-31T23:00:00.000Z'],
    ['2026-07-01', '2026-06-30T22:00:00.000Z'],
    ['2015-01-01T00:00:00+0100', '2014-12-31T23:00:00.000Z'],
    ['2015-01-01T00:00:00+01:00', '2014-12-31T23:00:00.000Z'],
    ['2015-01-01T22:30:00Z', '2014-12-31T23:00:00.000Z'],
    ['2014-12-31T23:00:00.000Z', '2014-12-31T23:00:00.000Z'],
  ])('takes %s as the Danish day starting at %s', (input, expected) => {
    expect(parseDay(input)?.toISOString()).toBe(expected);
  });

  it.each([
    ['2026-02-30'],
    ['2026-13-01'],
    ['2026-11-01T10:00:00'],
    ['01-11-2026'],
    ['1999-12-31'],
    ['2026-11-01T25:00:00Z'],
    [''],
    [20261101],
    [null],
  ])('refuses %s', (input) => {
    expect(parseDay(input)).toBeUndefined();
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.anything(), (value) => void parseDay(value)));
    fc.assert(fc.property(fc.string(), (value) => void parseDay(value)));
  });

  it('round-trips every calendar day of the century', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          expect(parseLineDate(day)).toBe(day);
        },
      ),
    );
  });
});
