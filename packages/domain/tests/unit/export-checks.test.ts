import { describe, expect, it } from 'vitest';
import { checkExport, type ExportCheckInput } from '../../src/export-checks.ts';

const customer = (id: string, name: string, accountingSystemId?: string) => ({
  id,
  name,
  finance: accountingSystemId ? { accountingSystemId } : {},
});

const input = (overrides: Partial<ExportCheckInput> = {}): ExportCheckInput => ({
  system: 'economic',
  invoices: [{ id: 'inv1', customer: 'c1', productCodes: ['NUM01'] }],
  customers: new Map([['c1', customer('c1', 'Kastrup Auto', '1001')]]),
  masterData: {
    customers: new Map([['1001', { barred: false, layoutNumber: 19 }]]),
    products: new Map([['NUM01', { barred: false }]]),
  },
  layoutGiven: false,
  ...overrides,
});

describe('checkExport', () => {
  it('finds nothing wrong with an invoice whose customer and products the accounting system knows', () => {
    expect(checkExport(input())).toEqual([]);
  });

  it('names every docs/seeds/001-economic-export.txt problem, with the seed’s own wording', () => {
    // Prepare
    const problems = checkExport(
      input({
        invoices: [
          { id: 'inv1', customer: 'gone', productCodes: [] },
          { id: 'inv2', customer: 'c2', productCodes: [] },
          { id: 'inv3', customer: 'c3', productCodes: [] },
          { id: 'inv4', customer: 'c4', productCodes: ['NOPE', 'NUM01'] },
        ],
        customers: new Map([
          ['c2', customer('c2', 'Uden Nummer ApS')],
          ['c3', customer('c3', 'Ukendt A/S', '9999')],
          ['c4', customer('c4', 'Uden Layout', '1002')],
        ]),
        masterData: {
          customers: new Map([['1002', { barred: false }]]),
          products: new Map([['NUM01', { barred: false }]]),
        },
      }),
    );

    // Assess
    expect(problems).toEqual([
      { key: 'customer', description: 'Customer was not found for invoice: inv1' },
      {
        key: 'finance.accountingSystemId',
        description: 'Accounting system ID is not found for: Uden Nummer ApS',
      },
      { key: 'economic.customer', description: 'Customer not found in economic: Ukendt A/S' },
      {
        key: 'economic.customerGroup.layout',
        description: 'Customer did not have a layout available: Uden Layout',
      },
      { key: 'economic.product', description: 'Product not found in e-conomic with product code: NOPE' },
    ]);
  });

  it('needs no customer layout when the export names one', () => {
    const masterData = {
      customers: new Map([['1001', { barred: false }]]),
      products: new Map([['NUM01', { barred: false }]]),
    };

    expect(checkExport(input({ masterData, layoutGiven: true }))).toEqual([]);
    expect(checkExport(input({ masterData })).map((p) => p.key)).toEqual(['economic.customerGroup.layout']);
  });

  it('names a layout the accounting system does not have, beside the other problems', () => {
    // Prepare
    const masterData = {
      customers: new Map([['1001', { barred: false, layoutNumber: 19 }]]),
      products: new Map([['NUM01', { barred: false }]]),
      layouts: new Set([19, 24]),
    };
    const invoices = [{ id: 'inv1', customer: 'c1', productCodes: ['NOPE'] }];

    // Act
    const unknown = checkExport(input({ masterData, invoices, layoutGiven: true, layout: 99 }));
    const known = checkExport(input({ masterData, layoutGiven: true, layout: 24 }));

    // Assess
    expect(unknown).toEqual([
      { key: 'layout', description: 'Layout not found in e-conomic: 99' },
      { key: 'economic.product', description: 'Product not found in e-conomic with product code: NOPE' },
    ]);
    expect(known).toEqual([]);
  });

  it('uses the docs/seeds/000-uniconta-export.txt keys for Uniconta, where layouts do not apply', () => {
    const problems = checkExport(
      input({
        system: 'uniconta',
        invoices: [{ id: 'inv1', customer: 'c1', productCodes: ['X'] }],
        masterData: { customers: new Map([['1001', { barred: true }]]), products: new Map() },
      }),
    );

    expect(problems).toEqual([
      { key: 'uniconta.customer', description: 'Customer not found in Uniconta: Kastrup Auto' },
      { key: 'uniconta.product', description: 'Product not found in Uniconta with product code: X' },
    ]);
  });

  it('reports a problem once, however many invoices share it', () => {
    const invoices = Array.from({ length: 50 }, (_, i) => ({
      id: `inv${i}`,
      customer: 'c1',
      productCodes: ['NOPE'],
    }));

    expect(checkExport(input({ invoices }))).toHaveLength(1);
  });

  it('in adminMode checks the reseller as the platform’s customer', () => {
    const problems = checkExport(input({ billedAs: { name: 'Nordlys Telecom ApS' } }));

    expect(problems).toEqual([
      {
        key: 'finance.accountingSystemId',
        description: 'Accounting system ID is not found for: Nordlys Telecom ApS',
      },
    ]);
  });
  describe('e-conomic payment terms of type dueDate (economic.paymentTerms)', () => {
    const forfaldsdato = { number: 4, name: 'Forfaldsdato', type: 'dueDate' } as const;
    const netto = { number: 1, name: 'Netto 8 dage', type: 'net' } as const;
    const onTerms = (paymentTerms: { number: number; name: string; type: 'dueDate' | 'net' }) => ({
      customers: new Map([['1001', { barred: false, layoutNumber: 19, paymentTerms }]]),
      products: new Map([['NUM01', { barred: false }]]),
    });
    const invoice = (id: string, dueDate?: string) => ({
      id,
      customer: 'c1',
      productCodes: ['NUM01'],
      date: '2026-11-01',
      ...(dueDate === undefined ? {} : { dueDate }),
    });

    it('refuses an invoice without a usable due date when no default days of credit is set, naming the terms and the customer once', () => {
      // Prepare: none, one before the date, one usable
      const invoices = [
        invoice('inv1'),
        invoice('inv2'),
        invoice('inv3', '2026-10-31'),
        invoice('inv4', '2026-11-20'),
      ];

      // Act
      const problems = checkExport(input({ masterData: onTerms(forfaldsdato), invoices }));

      // Assess
      expect(problems).toEqual([
        {
          key: 'economic.paymentTerms',
          description:
            'Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice has none and no defaultDaysOfCredit is set on the e-conomic integration: Kastrup Auto',
        },
        {
          key: 'economic.paymentTerms',
          description:
            'Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice’s due date is before its invoice date and no defaultDaysOfCredit is set on the e-conomic integration: Kastrup Auto',
        },
      ]);
    });

    it('accepts them with a default days of credit, and every invoice under other terms', () => {
      const invoices = [invoice('inv1'), invoice('inv2', '2026-10-31')];

      expect(
        checkExport(input({ masterData: onTerms(forfaldsdato), invoices, defaultDaysOfCredit: 0 })),
      ).toEqual([]);
      expect(checkExport(input({ masterData: onTerms(netto), invoices }))).toEqual([]);
    });

    it('checks the reseller’s terms in adminMode, and never Uniconta’s', () => {
      // Prepare
      const adminMode = input({
        masterData: onTerms(forfaldsdato),
        invoices: [invoice('inv1')],
        billedAs: { name: 'Nordlys Telecom ApS', accountingSystemId: '1001' },
      });
      const uniconta = input({
        system: 'uniconta',
        masterData: onTerms(forfaldsdato),
        invoices: [invoice('inv1')],
      });

      // Act, Assess
      expect(checkExport(adminMode)).toEqual([
        expect.objectContaining({
          key: 'economic.paymentTerms',
          description: expect.stringMatching(/: Nordlys Telecom ApS$/),
        }),
      ]);
      expect(checkExport(uniconta)).toEqual([]);
    });
  });
});

describe('checkExport: VAT in e-conomic (docs/contracts/booking-and-vat.md)', () => {
  /** NUM01 carries 25 % at home and none to the EU; GEBYR none anywhere; ODD a zone-1 rate of 12 %; NEW unknown. */
  const vatInput = (
    productVat: { exempt: string[]; liable: string[] },
    overrides: Partial<ExportCheckInput> = {},
  ): ExportCheckInput =>
    input({
      invoices: [
        {
          id: 'inv1',
          customer: 'c1',
          productCodes: [...productVat.exempt, ...productVat.liable],
          productVat,
        },
      ],
      masterData: {
        customers: new Map([
          ['1001', { barred: false, layoutNumber: 19, vatZoneNumber: 1 }],
          ['2002', { barred: false, layoutNumber: 19, vatZoneNumber: 2 }],
        ]),
        products: new Map([
          [
            'NUM01',
            {
              barred: false,
              vatRates: new Map([
                [1, 25],
                [2, 0],
              ]),
            },
          ],
          [
            'GEBYR',
            {
              barred: false,
              vatRates: new Map([
                [1, 0],
                [2, 0],
              ]),
            },
          ],
          ['ODD', { barred: false, vatRates: new Map([[1, 12]]) }],
          ['NEW', { barred: false }],
        ]),
      },
      ...overrides,
    });

  it('accepts VAT-exempt lines on a VAT-free product and VAT-liable lines on a 25 % one', () => {
    expect(checkExport(vatInput({ exempt: ['GEBYR'], liable: ['NUM01'] }))).toEqual([]);
  });

  it('refuses a VAT-exempt line on a product that carries VAT, and a liable line on one that does not, naming product, rate and invoice', () => {
    // Act
    const problems = checkExport(vatInput({ exempt: ['NUM01'], liable: ['GEBYR', 'ODD'] }));

    // Assess
    expect(problems).toEqual([
      {
        key: 'economic.product.vat',
        description:
          'Product NUM01 carries 25 % VAT in e-conomic for Kastrup Auto (VAT zone 1), but invoice inv1 bills it VAT-exempt',
      },
      {
        key: 'economic.product.vat',
        description:
          'Product GEBYR carries 0 % VAT in e-conomic for Kastrup Auto (VAT zone 1), but invoice inv1 bills it with 25 % VAT',
      },
      {
        key: 'economic.product.vat',
        description:
          'Product ODD carries 12 % VAT in e-conomic for Kastrup Auto (VAT zone 1), but invoice inv1 bills it with 25 % VAT',
      },
    ]);
  });

  it('judges by the customer’s VAT zone: a 25 % line to an EU customer, whose zone carries none, is refused', () => {
    // Prepare
    const eu = new Map([['c1', customer('c1', 'Berlin GmbH', '2002')]]);

    // Act
    const problems = checkExport(vatInput({ exempt: [], liable: ['NUM01'] }, { customers: eu }));

    // Assess
    expect(problems.map((problem) => problem.description)).toEqual([
      'Product NUM01 carries 0 % VAT in e-conomic for Berlin GmbH (VAT zone 2), but invoice inv1 bills it with 25 % VAT',
    ]);
  });

  it('leaves to the draft’s answer a product whose VAT in the zone could not be read, and an invoice without the VAT kept', () => {
    expect(checkExport(vatInput({ exempt: ['NEW'], liable: ['NEW'] }))).toEqual([]);
    expect(
      checkExport(input({ invoices: [{ id: 'inv1', customer: 'c1', productCodes: ['NUM01'] }] })),
    ).toEqual([]);
  });

  it('does not judge Uniconta by product: its lines carry their own VAT code', () => {
    expect(checkExport(vatInput({ exempt: ['NUM01'], liable: ['GEBYR'] }, { system: 'uniconta' }))).toEqual(
      [],
    );
  });
});
