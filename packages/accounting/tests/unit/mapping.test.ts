import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInvoice } from '#domain/invoice/create-invoice';
import type { Invoice, InvoiceLine } from '#domain/invoice/model';
import { productKinds, unitTypes } from '#domain/product';
import { buildDraft } from '#simulators/economic/draft-orders';
import { freshAgreementData } from '#simulators/economic/model';
import { line } from '../../../domain/tests/unit/invoice/fixtures.ts';
import { economicDraftBody } from '../../src/economic/draft-body.ts';
import {
  draftLine,
  draftNetTotal,
  draftOrderFromInvoice,
  invoiceSubtotal,
  type PriceColumn,
} from '../../src/mapping.ts';
import { decimalPlaces } from '../../src/text.ts';

const invoiceOf = (
  lines: InvoiceLine[],
  overrides: Partial<Parameters<typeof createInvoice>[0]> = {},
): Invoice =>
  createInvoice(
    {
      reseller: '65f000000000000000000001',
      customer: '54463ed73fc6ea53780080cf',
      invoiceDate: new Date('2026-10-31T23:00:00.000Z'), // 1 November 2026, Danish time
      dueDate: new Date('2026-11-08T23:00:00.000Z'),
      lines,
      ...overrides,
    },
    { id: '54a978806d30733986cfa817', now: new Date('2026-11-01T06:00:00.000Z') },
  );

const options = { reference: 'FK-1', customerNumber: '1001' };

describe('draftOrderFromInvoice', () => {
  it('maps the docs/seeds/003-get-invoice.txt invoice: one line per invoice line, Danish texts, the invoice date and due date', () => {
    // Prepare
    const invoice = invoiceOf(
      [
        line({
          name: 'Nummerleje',
          description: '1 numre',
          units: 5,
          type: 'MONTHS',
          unitWholesale: 20,
          unitPrice: 25,
          from: '2026-10-01',
          to: '2026-10-31',
        }),
        line({
          productCode: 'FORBRUG1',
          name: 'Samtaler',
          description: 'SIP konto: Hovedkonto',
          units: 1,
          unitWholesale: 398.18,
          unitPrice: 792.22,
          kind: 'usage',
          from: '2026-10-01',
          to: '2026-10-31',
        }),
      ],
      { headline: 'Periode faktura', invoiceNumber: '1234' },
    );

    // Act
    const draft = draftOrderFromInvoice(invoice, options);

    // Assess
    expect(draft).toEqual({
      reference: 'FK-1',
      customerNumber: '1001',
      date: '2026-11-01',
      dueDate: '2026-11-09',
      heading: 'Faktura 1234 - Periode faktura (01-10-2026 – 31-10-2026)',
      currency: 'DKK',
      lines: [
        {
          productNumber: 'NUM01',
          description: 'Nummerleje - 1 numre (01-10-2026 – 31-10-2026)',
          quantity: 5,
          unitNetPrice: 25,
          vatExempt: false,
        },
        {
          productNumber: 'FORBRUG1',
          description: 'Samtaler - SIP konto: Hovedkonto (01-10-2026 – 31-10-2026)',
          quantity: 1,
          unitNetPrice: 792.22,
          vatExempt: false,
        },
      ],
      // The invoice's own amounts: what the accounting system's answer must equal.
      totals: { net: 917.22, vat: 229.31, gross: 1146.53 },
    });
    expect(draftNetTotal(draft.lines)).toBe(invoice.totals.subTotal);
  });

  it('marks VAT-exempt lines, and carries the invoice’s VAT, which leaves them out', () => {
    // Prepare: the review's invoice: a 350.00 VAT-exempt fee beside 128.10 with VAT
    const invoice = invoiceOf([
      line({ productCode: 'GEBYR', units: 1, unitPrice: 350, vatExempt: true }),
      line({ units: 5, unitPrice: 25.62 }),
    ]);

    // Act
    const draft = draftOrderFromInvoice(invoice, options);

    // Assess
    expect(draft.lines.map((l) => [l.productNumber, l.vatExempt])).toEqual([
      ['GEBYR', true],
      ['NUM01', false],
    ]);
    expect(draft.totals).toEqual({ net: 478.1, vat: 32.03, gross: 510.13 });
  });

  it('carries the VAT of the column and document exported', () => {
    // Prepare
    const invoice = invoiceOf([
      line({ units: 2, unitWholesale: 10, unitPrice: 15 }),
      line({ productCode: 'LIC', units: 1, unitWholesale: 40, unitPrice: 60, externalLicense: true }),
    ]);

    // Act
    const wholesale = draftOrderFromInvoice(invoice, { ...options, priceColumn: 'wholesale' });
    const licences = draftOrderFromInvoice(invoice, { ...options, externalLicenses: true });

    // Assess
    expect(wholesale.totals).toEqual({ net: 20, vat: 5, gross: 25 });
    expect(licences.totals).toEqual({ net: 60, vat: 15, gross: 75 });
  });

  it('exports the wholesale column for the platform’s own books (adminMode)', () => {
    const invoice = invoiceOf([line({ units: 5, unitWholesale: 20, unitPrice: 25 })]);

    const draft = draftOrderFromInvoice(invoice, { ...options, priceColumn: 'wholesale' });

    expect(draft.lines.map((l) => [l.quantity, l.unitNetPrice])).toEqual([[5, 20]]);
    expect(draftNetTotal(draft.lines)).toBe(invoice.totals.subTotalWholesale);
  });

  it('folds a price with more than 2 decimals into 1 × the invoice’s line amount, and says what was billed', () => {
    const priced = {
      ...line({ name: 'Samtaler', units: 412.5, type: 'MIN', unitPrice: 0.0123 }),
      amountCost: 0,
      amountWholesale: 0,
      amount: 5.07,
    };

    expect(draftLine(priced, 'price')).toEqual({
      productNumber: 'NUM01',
      description: 'Samtaler, 412,5 min. à 0,0123',
      quantity: 1,
      unitNetPrice: 5.07,
      vatExempt: false,
    });
  });

  it('keeps the sign on the quantity when it folds a credit line', () => {
    const invoice = invoiceOf([line({ units: -412.5, type: 'MIN', unitPrice: 0.0123 })]);

    const draft = draftOrderFromInvoice(invoice, options);

    expect(draft.lines.map((l) => [l.quantity, l.unitNetPrice])).toEqual([[-1, 5.07]]);
    expect(invoice.totals.subTotal).toBe(-5.07);
  });

  it('sends a line of no units as 1 × 0.00, since no system takes a quantity of 0', () => {
    const priced = { ...line({ units: 0, unitPrice: 25 }), amountCost: 0, amountWholesale: 0, amount: 0 };

    expect(draftLine(priced, 'price')).toMatchObject({ quantity: 1, unitNetPrice: 0 });
  });

  it('folds a product that would need rounding even with 2-decimal inputs (1.5 × 0.33 = 0.495)', () => {
    const invoice = invoiceOf([line({ units: 1.5, unitPrice: 0.33 })]);

    const draft = draftOrderFromInvoice(invoice, options);

    expect(draft.lines.map((l) => [l.quantity, l.unitNetPrice])).toEqual([[1, 0.5]]);
  });

  it('sends a grouped line as its members’ summed amounts (3 × 0.333 invoiced as 0.99, not 1.00)', () => {
    const invoice = invoiceOf([
      line({ units: 1, unitPrice: 0.333 }),
      line({ units: 1, unitPrice: 0.333 }),
      line({ units: 1, unitPrice: 0.333 }),
    ]);

    const draft = draftOrderFromInvoice(invoice, { ...options, groupInvoiceLines: true });

    expect(draft.lines).toEqual([
      {
        productNumber: 'NUM01',
        description: 'Nummerleje, 3 stk. à 0,333',
        quantity: 1,
        unitNetPrice: 0.99,
        vatExempt: false,
      },
    ]);
    expect(invoice.totals.subTotal).toBe(0.99);
  });

  it('exports the external-licence document on its own, with its own subtotal', () => {
    const invoice = invoiceOf([
      line({ units: 1, unitPrice: 100 }),
      line({ productCode: 'LIC', name: 'Licens', units: 2, unitPrice: 49.5, externalLicense: true }),
    ]);

    const proper = draftOrderFromInvoice(invoice, options);
    const licences = draftOrderFromInvoice(invoice, { ...options, externalLicenses: true });

    expect(proper.lines.map((l) => l.productNumber)).toEqual(['NUM01']);
    expect(licences.lines.map((l) => l.productNumber)).toEqual(['LIC']);
    expect(draftNetTotal(licences.lines)).toBe(invoice.externalLicenseTotals.subTotal);
    expect(licences.heading).toBe('Faktura 54a978806d30733986cfa817 - eksterne licenser');
  });

  it('leaves free included lines out, but never an included line that carries an amount', () => {
    const invoice = invoiceOf([
      line({ productCode: 'A', units: 1, unitPrice: 10 }),
      line({ productCode: 'FREE', units: 1, unitPrice: 0, included: true }),
      line({ productCode: 'PAID', units: 1, unitPrice: 5, included: true }),
    ]);

    expect(draftOrderFromInvoice(invoice, options).lines.map((l) => l.productNumber)).toEqual(['A', 'PAID']);
    expect(
      draftOrderFromInvoice(invoice, { ...options, showIncludedProducts: true }).lines.map(
        (l) => l.productNumber,
      ),
    ).toEqual(['A', 'FREE', 'PAID']);
  });

  it('heads the draft with the id while the invoice number is pending, and passes the layout on', () => {
    const draft = draftOrderFromInvoice(invoiceOf([line()]), { ...options, layoutNumber: 21 });

    expect(draft.heading).toBe('Faktura 54a978806d30733986cfa817');
    expect(draft.layoutNumber).toBe(21);
  });

  it('says the period once when a pro-rated line’s description already ends with it', () => {
    const priced = {
      ...line({
        name: 'Nummerleje',
        description: 'Nummer: 38101520 (15-10-2026 – 31-10-2026)',
        units: 2,
        unitPrice: 25,
        from: '2026-10-15',
        to: '2026-10-31',
      }),
      amountCost: 0,
      amountWholesale: 0,
      amount: 50,
    };

    expect(draftLine(priced, 'price').description).toBe(
      'Nummerleje - Nummer: 38101520 (15-10-2026 – 31-10-2026)',
    );
  });

  it('writes an open period with fra/til', () => {
    const invoice = invoiceOf([line({ from: '2026-10-01' }), line({ to: '2026-10-31', productCode: 'X' })]);

    expect(draftOrderFromInvoice(invoice, options).lines.map((l) => l.description)).toEqual([
      'Nummerleje (fra 01-10-2026)',
      'Nummerleje (til 31-10-2026)',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The property: whatever the decimals, the draft adds up to the invoice's subtotal, to the øre.

/** A number with up to `maxScale` decimals, written exactly (123.4567 as the double closest to it). */
const exactDecimal = (maxInteger: number, maxScale: number) =>
  fc
    .integer({ min: 0, max: maxScale })
    .chain((scale) =>
      fc
        .integer({ min: -maxInteger * 10 ** scale, max: maxInteger * 10 ** scale })
        .map((int) => Number(`${int}e-${scale}`) + 0),
    );

const productCodes = ['NUM01', 'FORBRUG1', 'DATA', 'LIC'] as const;
/** In the simulator's VAT-free product group (2): its sales carry no VAT. */
const vatFreeProduct = 'GEBYR';

const arbitraryLine: fc.Arbitrary<InvoiceLine> = fc
  .record({
    productCode: fc.constantFrom(...productCodes),
    units: exactDecimal(5_000, 4),
    unitWholesale: exactDecimal(2_000, 6),
    unitPrice: exactDecimal(2_000, 6),
    type: fc.constantFrom(...unitTypes),
    kind: fc.constantFrom(...productKinds),
    included: fc.boolean(),
    externalLicense: fc.boolean(),
    from: fc.constantFrom(undefined, '2026-10-01'),
    vatExempt: fc.boolean(),
  })
  // A VAT-exempt line bills the VAT-free product, as an agreement set up for it would have it.
  .map(({ from, productCode, vatExempt, ...rest }) =>
    line({
      ...rest,
      productCode: vatExempt ? vatFreeProduct : productCode,
      vatExempt,
      ...(from ? { from, to: '2026-10-31' } : {}),
    }),
  );

const arbitraryInvoice = fc.array(arbitraryLine, { maxLength: 25 }).map((lines) => invoiceOf(lines));

/** An amount with at most 2 decimals, in øre, exactly (fails on more decimals). */
const ore = (n: number): bigint => {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(n));
  if (!match) throw new Error(`${n} is not an amount with at most 2 decimals`);
  const magnitude = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -magnitude : magnitude;
};

/** quantity × price rounded half away from zero to øre, in integers: independent of the money module. */
const oreOfLine = (quantity: number, unitNetPrice: number): bigint => {
  const product = ore(quantity) * ore(unitNetPrice); // in 1/10,000 kr
  const magnitude = product < 0n ? -product : product;
  const rounded = magnitude / 100n + ((magnitude % 100n) * 2n >= 100n ? 1n : 0n);
  return product < 0n ? -rounded : rounded;
};

describe('draftOrderFromInvoice: the net total (property)', () => {
  it('sum over lines of round(quantity × unitNetPrice) equals the invoice subtotal, for every column and option', () => {
    fc.assert(
      fc.property(
        arbitraryInvoice,
        fc.constantFrom<PriceColumn>('price', 'wholesale'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (invoice, priceColumn, groupInvoiceLines, externalLicenses, showIncludedProducts) => {
          const mapping = {
            ...options,
            priceColumn,
            groupInvoiceLines,
            externalLicenses,
            showIncludedProducts,
          };

          const draft = draftOrderFromInvoice(invoice, mapping);

          const sum = draft.lines.reduce((acc, l) => acc + oreOfLine(l.quantity, l.unitNetPrice), 0n);
          expect(sum).toBe(ore(invoiceSubtotal(invoice, mapping)));
          expect(draftNetTotal(draft.lines)).toBe(invoiceSubtotal(invoice, mapping));
          for (const l of draft.lines) {
            expect(decimalPlaces(l.quantity)).toBeLessThanOrEqual(2);
            expect(decimalPlaces(l.unitNetPrice)).toBeLessThanOrEqual(2);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every draft it makes passes the e-conomic simulator’s checks (e-conomic’s schema and line rules), at the invoice’s net, VAT and gross', () => {
    // Prepare: an agreement that knows the customer and every product the invoices may name
    const data = freshAgreementData();
    data.customers.set(1001, {
      customerNumber: 1001,
      name: 'Hansen ApS',
      currency: 'DKK',
      customerGroup: { customerGroupNumber: 1 },
      paymentTerms: { paymentTermsNumber: 1 },
      vatZone: { vatZoneNumber: 1 },
    });
    for (const productNumber of productCodes) {
      data.products.set(productNumber, {
        productNumber,
        name: productNumber,
        productGroup: { productGroupNumber: 1 },
      });
    }
    data.products.set(vatFreeProduct, {
      productNumber: vatFreeProduct,
      name: 'Gebyr',
      productGroup: { productGroupNumber: 2 },
    });
    const customer = {
      number: '1001',
      name: 'Hansen ApS',
      barred: false,
      paymentTermsNumber: 1,
      vatZoneNumber: 1,
    };
    const context = {
      data,
      baseCurrency: 'DKK',
      now: '2026-11-01T00:00:00Z',
      baseUrl: 'https://restapi.e-conomic.com',
    };

    fc.assert(
      fc.property(
        arbitraryInvoice.filter((invoice) => invoice.lines.length > 0),
        fc.constantFrom<PriceColumn>('price', 'wholesale'),
        (invoice, priceColumn) => {
          // Act
          const draft = draftOrderFromInvoice(invoice, { ...options, priceColumn });
          const built = buildDraft(
            JSON.parse(JSON.stringify(economicDraftBody(draft, customer, 19))),
            context,
            1,
          );

          // Assess: accepted, and e-conomic's own arithmetic and VAT rule land on the invoice's amounts
          expect(built.ok ? undefined : built.errors).toBeUndefined();
          if (built.ok && draft.lines.length > 0) {
            expect(built.document.netAmount).toBe(invoiceSubtotal(invoice, { priceColumn }));
            expect({
              net: built.document.netAmount,
              vat: built.document.vatAmount,
              gross: built.document.grossAmount,
            }).toEqual(draft.totals);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
