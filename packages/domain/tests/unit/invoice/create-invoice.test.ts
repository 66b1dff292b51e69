import { describe, expect, it } from 'vitest';
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
