import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presentInvoice, visiblePriceTiers } from '../../../src/invoice/visibility.ts';
import { allKeys, invoice as anyInvoice, seed003Invoice, viewOptions } from './fixtures.ts';

describe('presentInvoice', () => {
  it("is docs/seeds/003-get-invoice.txt's example for a RESELLER, invoiceNumber kept as the string it is", () => {
    // Prepare
    const invoice = seed003Invoice();

    // Act
    const document = presentInvoice(invoice, 'RESELLER');

    // Assess: the seed's example, key for key (docs/seeds/003-get-invoice.txt prints invoiceNumber as the number -1)
    expect(document).toStrictEqual({
      _id: '54a978806d30733986cfa817',
      customer: '54463ed73fc6ea53780080cf',
      sent: false,
      invoiceNumber: '-1',
      period: true,
      invoiceDate: '2014-12-31T23:00:00.000Z',
      dueDate: '2015-01-07T23:00:00.000Z',
      paid: false,
      headline: 'Periode faktura',
      lines: [
        {
          product: '548ecd936b34cd1826f3ff2b',
          productCode: 'NUM01',
          name: 'Nummerleje',
          description: '1 numre - Periode: 01-11-2014 - 31-03-2015',
          units: 5,
          type: 'MONTHS',
          unitWholesale: 20,
          unitPrice: 25,
          vatExempt: false,
        },
        {
          product: '54917e9940c67b6c3dd05a8c',
          productCode: 'FORBRUG1',
          name: 'Samtaler',
          description: 'SIP konto: Hovedkonto - kald: 544 - tid: 25:34:05 - periode: 01-12-2014 - 31-12-2014',
          units: 1,
          type: 'UNITS',
          unitWholesale: 398.18,
          unitPrice: 792.22,
          vatExempt: false,
        },
        {
          product: '54917e9940c67b6c3dd05a8c',
          productCode: 'FORBRUG1',
          name: 'Samtaler',
          description: 'SIP konto: Fax - kald: 15 - tid: 00:11:47 - periode: 01-12-2014 - 31-12-2014',
          units: 1,
          type: 'UNITS',
          unitWholesale: 1.63,
          unitPrice: 3.54,
          vatExempt: false,
        },
      ],
      subTotalWholesale: 499.81,
      subTotal: 920.76,
      vatWholesale: 124.95,
      vat: 230.19,
      total: 1150.95,
    });
  });

  it('puts the fields in the order of the seed document', () => {
    // Act
    const document = presentInvoice(seed003Invoice(), 'ADMIN');

    // Assess
    expect(Object.keys(document)).toEqual([
      '_id',
      'customer',
      'sent',
      'invoiceNumber',
      'period',
      'invoiceDate',
      'dueDate',
      'paid',
      'headline',
      'lines',
      'subTotalCost',
      'subTotalWholesale',
      'subTotal',
      'vatCost',
      'vatWholesale',
      'vat',
      'total',
    ]);
    expect(Object.keys(document.lines[0]!)).toEqual([
      'product',
      'productCode',
      'name',
      'description',
      'units',
      'type',
      'unitCost',
      'unitWholesale',
      'unitPrice',
      'vatExempt',
    ]);
  });

  it('shows an ADMIN the cost prices and totals as well', () => {
    // Act
    const document = presentInvoice(seed003Invoice(), 'ADMIN');

    // Assess
    expect(document).toMatchObject({ subTotalCost: 364.77, vatCost: 91.19, subTotalWholesale: 499.81 });
    expect(document.lines.map((line) => line.unitCost)).toEqual([12.5, 301.07, 1.2]);
  });

  it('shows a USER the prices only: the other fields are absent, not null', () => {
    // Act
    const document = presentInvoice(seed003Invoice(), 'USER');

    // Assess
    expect(document).not.toHaveProperty('subTotalWholesale');
    expect(document).not.toHaveProperty('vatCost');
    expect(document.lines[0]).not.toHaveProperty('unitWholesale');
    expect(document).toMatchObject({ subTotal: 920.76, vat: 230.19, total: 1150.95 });
    expect(JSON.stringify(document)).not.toContain('null');
  });

  it('leaves out the properties that hold no value', () => {
    // Prepare
    const { headline: _headline, dueDate: _dueDate, ...rest } = seed003Invoice();

    // Act
    const document = presentInvoice(rest, 'USER');

    // Assess
    expect(document).not.toHaveProperty('headline');
    expect(document).not.toHaveProperty('dueDate');
  });

  it('never shows a USER a cost or wholesale field, nor a RESELLER a cost field', () => {
    fc.assert(
      fc.property(anyInvoice, viewOptions, (invoice, options) => {
        // Act
        const user = allKeys(presentInvoice(invoice, 'USER', options));
        const reseller = allKeys(presentInvoice(invoice, 'RESELLER', options));
        const admin = allKeys(presentInvoice(invoice, 'ADMIN', options));

        // Assess
        expect(user.filter((key) => /Cost|Wholesale/.test(key))).toEqual([]);
        expect(reseller.filter((key) => /Cost/.test(key))).toEqual([]);
        expect(reseller).toContain('subTotalWholesale');
        expect(admin).toEqual(
          expect.arrayContaining(['subTotalCost', 'vatCost', 'subTotalWholesale', 'vatWholesale']),
        );
      }),
    );
  });

  it('shows every line shown to one role to every role, with the same price', () => {
    fc.assert(
      fc.property(anyInvoice, viewOptions, (invoice, options) => {
        // Act
        const user = presentInvoice(invoice, 'USER', options);
        const admin = presentInvoice(invoice, 'ADMIN', options);

        // Assess
        expect(user.lines.map((line) => [line.product, line.units, line.unitPrice])).toEqual(
          admin.lines.map((line) => [line.product, line.units, line.unitPrice]),
        );
        expect([user.subTotal, user.vat, user.total]).toEqual([admin.subTotal, admin.vat, admin.total]);
      }),
    );
  });
});

describe('visiblePriceTiers', () => {
  it.each([
    ['ADMIN', ['cost', 'wholesale', 'price']],
    ['RESELLER', ['wholesale', 'price']],
    ['USER', ['price']],
  ] as const)('%s sees %j', (role, tiers) => {
    expect(visiblePriceTiers(role)).toEqual(tiers);
  });
});
