import { describe, expect, it } from 'vitest';
import { localDate, startOfDay, startOfLocalDate } from '../../../src/invoice/calendar.ts';
import { createInvoice } from '../../../src/invoice/create-invoice.ts';
import { invoiceTotals, zeroTotals } from '../../../src/invoice/totals.ts';
import { line, seed003Lines } from './fixtures.ts';

const context = { id: '54a978806d30733986cfa817', now: new Date('2015-01-01T10:30:00.000Z') };
const parties = { reseller: '65f000000000000000000001', customer: '54463ed73fc6ea53780080cf' };

describe('createInvoice', () => {
  it('fills in the defaults of docs/seeds/002-create-invoice.txt and computes the totals once', () => {
    // Act
    const invoice = createInvoice({ ...parties, lines: seed003Lines }, context);

    // Assess
    expect(invoice).toStrictEqual({
      id: '54a978806d30733986cfa817',
      ...parties,
      sent: false,
      invoiceNumber: '-1',
      period: false,
      invoiceDate: '2014-12-31T23:00:00.000Z', // 1 January 2015, 00:00 in Copenhagen
      paid: false,
      lines: seed003Lines,
      totals: invoiceTotals(seed003Lines),
      externalLicenseTotals: zeroTotals,
      createdAt: '2015-01-01T10:30:00.000Z',
    });
    expect(invoice.totals).toMatchObject({ subTotal: 920.76, vat: 230.19, total: 1150.95 });
  });

  it('keeps what it is given', () => {
    // Act
    const invoice = createInvoice(
      {
        ...parties,
        sent: true,
        invoiceNumber: '12345',
        period: true,
        invoiceDate: new Date('2015-01-01T00:00:00+01:00'),
        dueDate: new Date('2015-01-14T00:00:00+01:00'),
        paid: true,
        headline: 'Vedr. ordrenr. 123 - afd. Kastrup',
        lines: seed003Lines,
        createdBy: 'user-1',
      },
      context,
    );

    // Assess
    expect(invoice).toMatchObject({
      sent: true,
      invoiceNumber: '12345',
      period: true,
      invoiceDate: '2014-12-31T23:00:00.000Z',
      dueDate: '2015-01-13T23:00:00.000Z',
      paid: true,
      headline: 'Vedr. ordrenr. 123 - afd. Kastrup',
      createdBy: 'user-1',
    });
  });

  it('totals the external licences apart from the invoice', () => {
    // Prepare
    const licence = line({ productCode: 'LIC', externalLicense: true, unitPrice: 89, unitWholesale: 60 });

    // Act
    const invoice = createInvoice({ ...parties, lines: [...seed003Lines, licence] }, context);

    // Assess
    expect(invoice.totals).toEqual(invoiceTotals(seed003Lines));
    expect(invoice.externalLicenseTotals).toMatchObject({
      subTotal: 89,
      vat: 22.25,
      total: 111.25,
      subTotalWholesale: 60,
    });
    expect(invoice.lines).toHaveLength(4);
  });
});

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
