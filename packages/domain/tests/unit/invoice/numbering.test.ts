import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explicitNumberRefusal,
  maxSeriesNumber,
  numberingChange,
  seriesNumber,
  wholeInvoiceNumber,
} from '../../../src/invoice/numbering.ts';

describe('invoice numbering', () => {
  it('takes the series’ next number under faktura numbering (1 when never set), none under the accounting system’s', () => {
    expect(seriesNumber({ invoiceNumbering: 'faktura', nextInvoiceNumber: 1001 })).toBe(1001);
    expect(seriesNumber({ invoiceNumbering: 'faktura' })).toBe(1);
    expect(seriesNumber({ invoiceNumbering: 'accounting', nextInvoiceNumber: 5 })).toBeUndefined();
    expect(seriesNumber({})).toBeUndefined();
  });

  it('refuses an explicit whole number under faktura numbering, and nothing else', () => {
    const faktura = { invoiceNumbering: 'faktura' as const };

    expect(explicitNumberRefusal(faktura, '2000')).toMatchObject({ status: 422, key: 'invoiceNumber' });
    expect(explicitNumberRefusal(faktura, ' 17 ')).toMatchObject({ key: 'invoiceNumber' });
    expect(explicitNumberRefusal(faktura, 'K-17')).toBeUndefined();
    expect(explicitNumberRefusal(faktura, '-1')).toBeUndefined();
    expect(explicitNumberRefusal(faktura, undefined)).toBeUndefined();
    expect(explicitNumberRefusal({ invoiceNumbering: 'accounting' }, '2000')).toBeUndefined();
  });

  describe('a change of numbering', () => {
    it('switching to faktura continues after the highest number used, or from where an earlier series stood', () => {
      expect(
        numberingChange({ invoiceNumbering: 'accounting' }, { invoiceNumbering: 'faktura' }, 10234),
      ).toEqual({
        invoiceNumbering: 'faktura',
        nextInvoiceNumber: 10235,
      });
      expect(numberingChange({}, { invoiceNumbering: 'faktura' }, undefined)).toEqual({
        invoiceNumbering: 'faktura',
        nextInvoiceNumber: 1,
      });
      expect(
        numberingChange(
          { invoiceNumbering: 'accounting', nextInvoiceNumber: 77 },
          { invoiceNumbering: 'faktura' },
          12,
        ),
      ).toEqual({ invoiceNumbering: 'faktura', nextInvoiceNumber: 77 });
    });

    it('moves a series forward, never backwards nor onto a number used, and says the figures', () => {
      const series = { invoiceNumbering: 'faktura' as const, nextInvoiceNumber: 1051 };

      expect(numberingChange(series, { nextInvoiceNumber: 2027001 }, 1050)).toEqual({
        invoiceNumbering: 'faktura',
        nextInvoiceNumber: 2027001,
      });
      expect(numberingChange(series, { nextInvoiceNumber: 1051 }, 1050)).toEqual(series);
      expect(numberingChange(series, { nextInvoiceNumber: 1000 }, 1050)).toMatchObject({
        status: 422,
        key: 'nextInvoiceNumber',
        message: expect.stringContaining('The series is at 1051'),
      });
      expect(
        numberingChange(
          { invoiceNumbering: 'accounting' },
          { invoiceNumbering: 'faktura', nextInvoiceNumber: 500 },
          500,
        ),
      ).toMatchObject({ key: 'nextInvoiceNumber', message: expect.stringContaining('501') });
    });

    it('switching back to accounting keeps where the series stood; a next number then needs faktura', () => {
      const series = { invoiceNumbering: 'faktura' as const, nextInvoiceNumber: 1051 };

      expect(numberingChange(series, { invoiceNumbering: 'accounting' }, 1050)).toEqual({
        invoiceNumbering: 'accounting',
        nextInvoiceNumber: 1051,
      });
      expect(
        numberingChange(series, { invoiceNumbering: 'accounting', nextInvoiceNumber: 2000 }, 1050),
      ).toMatchObject({
        status: 422,
        key: 'nextInvoiceNumber',
      });
    });

    it('is refused when no series number is left above the numbers used', () => {
      expect(numberingChange({}, { invoiceNumbering: 'faktura' }, maxSeriesNumber)).toMatchObject({
        key: 'nextInvoiceNumber',
      });
    });

    it('never gives a series number at or below one used, nor below where the series stood', () => {
      fc.assert(
        fc.property(
          fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
          fc.constantFrom('accounting' as const, 'faktura' as const, undefined),
          fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
          fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
          (current, numbering, asked, highestUsed) => {
            const before = { invoiceNumbering: numbering, nextInvoiceNumber: current };
            const change = numberingChange(
              before,
              { invoiceNumbering: 'faktura', nextInvoiceNumber: asked },
              highestUsed,
            );
            if (!('invoiceNumbering' in change)) return;
            const next = change.nextInvoiceNumber ?? 1;
            expect(next).toBeGreaterThan(highestUsed ?? 0);
            if (numbering === 'faktura') expect(next).toBeGreaterThanOrEqual(current ?? 1);
          },
        ),
      );
    });
  });

  it('reads whole invoice numbers, and only those', () => {
    expect(wholeInvoiceNumber('10234')).toBe(10234);
    expect(wholeInvoiceNumber(' 7 ')).toBe(7);
    expect(wholeInvoiceNumber('K-17')).toBeUndefined();
    expect(wholeInvoiceNumber('-1')).toBeUndefined();
    expect(wholeInvoiceNumber('1.5')).toBeUndefined();
  });
});
