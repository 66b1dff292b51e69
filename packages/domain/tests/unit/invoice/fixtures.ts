import fc from 'fast-check';
import { createInvoice } from '../../../src/invoice/create-invoice.ts';
import type { Invoice, InvoiceLine } from '../../../src/invoice/model.ts';
import { productKinds, unitTypes } from '../../../src/product.ts';

/** Shared test data: the seed examples, a line builder, and fast-check arbitraries with references. */

export const line = (overrides: Partial<InvoiceLine> = {}): InvoiceLine => ({
  product: '548ecd936b34cd1826f3ff2b',
  productCode: 'NUM01',
  name: 'Nummerleje',
  units: 1,
  type: 'UNITS',
  unitCost: 0,
  unitWholesale: 0,
  unitPrice: 0,
  vatExempt: false,
  kind: 'subscription',
  included: false,
  externalLicense: false,
  ...overrides,
});

/** The three lines of docs/seeds/003-get-invoice.txt's example. Cost is not in the seed (a RESELLER view); ours are made up. */
export const seed003Lines: InvoiceLine[] = [
  line({
    product: '548ecd936b34cd1826f3ff2b',
    productCode: 'NUM01',
    name: 'Nummerleje',
    description: '1 numre - Periode: 01-11-2014 - 31-03-2015',
    units: 5,
    type: 'MONTHS',
    unitCost: 12.5,
    unitWholesale: 20,
    unitPrice: 25,
  }),
  line({
    product: '54917e9940c67b6c3dd05a8c',
    productCode: 'FORBRUG1',
    name: 'Samtaler',
    description: 'SIP konto: Hovedkonto - kald: 544 - tid: 25:34:05 - periode: 01-12-2014 - 31-12-2014',
    units: 1,
    type: 'UNITS',
    unitCost: 301.07,
    unitWholesale: 398.18,
    unitPrice: 792.22,
    kind: 'usage',
  }),
  line({
    product: '54917e9940c67b6c3dd05a8c',
    productCode: 'FORBRUG1',
    name: 'Samtaler',
    description: 'SIP konto: Fax - kald: 15 - tid: 00:11:47 - periode: 01-12-2014 - 31-12-2014',
    units: 1,
    type: 'UNITS',
    unitCost: 1.2,
    unitWholesale: 1.63,
    unitPrice: 3.54,
    kind: 'usage',
  }),
];

/** docs/seeds/002-create-invoice.txt's example lines: a number purchase, then the first two of 003's. */
export const seed002Lines: InvoiceLine[] = [
  line({
    product: '1234567890abcdef12345677',
    productCode: 'NUM01',
    name: 'Køb af nummer',
    description: 'Nummer: 70305050',
    units: 1,
    type: 'UNITS',
    unitCost: 50,
    unitWholesale: 100,
    unitPrice: 200,
    kind: 'one-off',
  }),
  seed003Lines[0]!,
  seed003Lines[1]!,
];

/** The docs/seeds/003-get-invoice.txt invoice as stored. */
export const seed003Invoice = (): Invoice =>
  createInvoice(
    {
      reseller: '65f000000000000000000001',
      customer: '54463ed73fc6ea53780080cf',
      sent: false,
      period: true,
      invoiceDate: new Date('2014-12-31T23:00:00.000Z'),
      dueDate: new Date('2015-01-07T23:00:00.000Z'),
      paid: false,
      headline: 'Periode faktura',
      lines: seed003Lines,
    },
    { id: '54a978806d30733986cfa817', now: new Date('2015-01-01T02:00:00.000Z') },
  );

// ---------------------------------------------------------------------------------------------
// Exact decimals with an independent reference: the test knows each number as an integer and a
// scale (123.4567 = 1234567 × 10^-4), and computes amounts in integer øre with BigInt.

export interface Exact {
  /** The JSON number the domain receives. */
  readonly value: number;
  readonly int: bigint;
  readonly scale: number;
}

/** Numbers up to ±10^5 with up to 4 decimals, negatives and zero included. */
export const exactDecimal = (maxInteger = 100_000n, maxScale = 4): fc.Arbitrary<Exact> =>
  fc
    .integer({ min: 0, max: maxScale })
    .chain((scale) =>
      fc
        .bigInt({ min: -maxInteger * 10n ** BigInt(scale), max: maxInteger * 10n ** BigInt(scale) })
        .map((int) => ({ value: Number(`${int}e-${scale}`) + 0, int, scale })),
    );

/** num / den rounded half away from zero, in integers. */
export const divideHalfAwayFromZero = (num: bigint, den: bigint): bigint => {
  const negative = num < 0n;
  const magnitude = negative ? -num : num;
  let quotient = magnitude / den;
  if ((magnitude % den) * 2n >= den) quotient += 1n;
  return negative ? -quotient : quotient;
};

/** units × price in øre, rounded half away from zero. */
export const lineOre = (units: Exact, price: Exact): bigint =>
  divideHalfAwayFromZero(units.int * price.int * 100n, 10n ** BigInt(units.scale + price.scale));

/** 25 % of a taxable sum in øre, rounded once. */
export const vatOre = (taxableOre: bigint): bigint => divideHalfAwayFromZero(taxableOre * 25n, 100n);

/** An amount (at most 2 decimals) in øre; fails the test if it has more decimals. */
export const ore = (amount: number): bigint => {
  const text = String(amount);
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`${text} is not an amount with at most 2 decimals`);
  const magnitude = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -magnitude : magnitude;
};

export interface ExactLine {
  readonly line: InvoiceLine;
  readonly units: Exact;
  readonly unitCost: Exact;
  readonly unitWholesale: Exact;
  readonly unitPrice: Exact;
}

const hexId = fc.stringMatching(/^[0-9a-f]{24}$/);
const text = fc.string({ maxLength: 30 });
const isoDate = fc
  .date({ min: new Date('2014-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** A random invoice line, with the exact form of its numbers. */
export const exactLine: fc.Arbitrary<ExactLine> = fc
  .record({
    units: exactDecimal(),
    unitCost: exactDecimal(),
    unitWholesale: exactDecimal(),
    unitPrice: exactDecimal(),
    product: hexId,
    productCode: fc.stringMatching(/^[A-Z0-9]{2,8}$/),
    name: text,
    description: fc.option(text, { nil: undefined }),
    type: fc.constantFrom(...unitTypes),
    vatExempt: fc.boolean(),
    from: fc.option(isoDate, { nil: undefined }),
    to: fc.option(isoDate, { nil: undefined }),
    kind: fc.constantFrom(...productKinds),
    included: fc.boolean(),
    externalLicense: fc.boolean(),
  })
  .map(({ units, unitCost, unitWholesale, unitPrice, description, from, to, ...rest }) => ({
    line: {
      ...rest,
      ...(description === undefined ? {} : { description }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      units: units.value,
      unitCost: unitCost.value,
      unitWholesale: unitWholesale.value,
      unitPrice: unitPrice.value,
    },
    units,
    unitCost,
    unitWholesale,
    unitPrice,
  }));

export const invoiceLine: fc.Arbitrary<InvoiceLine> = exactLine.map(({ line }) => line);

/** A random stored invoice. */
export const invoice: fc.Arbitrary<Invoice> = fc
  .record({
    id: hexId,
    reseller: hexId,
    customer: hexId,
    sent: fc.boolean(),
    invoiceNumber: fc.option(fc.stringMatching(/^[1-9][0-9]{0,6}$/), { nil: undefined }),
    period: fc.boolean(),
    paid: fc.boolean(),
    headline: fc.option(text, { nil: undefined }),
    lines: fc.array(invoiceLine, { maxLength: 12 }),
    now: fc.date({ min: new Date('2015-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
  })
  .map(({ id, now, invoiceNumber, headline, ...input }) =>
    createInvoice(
      {
        ...input,
        ...(invoiceNumber === undefined ? {} : { invoiceNumber }),
        ...(headline === undefined ? {} : { headline }),
      },
      { id, now },
    ),
  );

export const viewOptions = fc.record({
  externalLicenses: fc.boolean(),
  groupInvoiceLines: fc.boolean(),
  showIncludedProducts: fc.boolean(),
  onlyUsage: fc.boolean(),
});

/** Every key of a JSON value, at any depth. */
export const allKeys = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, field]) => [key, ...allKeys(field)]);
  }
  return [];
};
