import { describe, expect, it } from 'vitest';
import { explicitNumberRefusal, seriesNumber } from '../../../src/invoice/numbering.ts';

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
});
