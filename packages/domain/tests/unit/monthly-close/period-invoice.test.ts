import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CurrentItem } from '../../../src/current-item.ts';
import { parsePeriod } from '../../../src/monthly-close/period.ts';
import { periodInvoiceFor, periodLines } from '../../../src/monthly-close/period-invoice.ts';
import { periodInvoiceId } from '../../../src/monthly-close/period-invoice-id.ts';
import type { Product } from '../../../src/product.ts';
import { CUSTOMER, item, itemArb, monthArb, product, RESELLER, recentMonthArb } from './fixtures.ts';

/**
 * The acceptance data set: the close of November 2026 (30 days) for one customer, with every
 * recurrence kind, a mid-month start and stop, a full-month item, credits, quarterly and yearly
 * items in and out of their months, and one-off items consumed. Every expected number is computed
 * by hand in the comments; the code's own functions compute none of them.
 */
const subscription = product({ id: 'p-abon', productCode: 'ABON1', name: 'Mobilabonnement', unitPrice: 199 });
const installation = product({
  id: 'p-inst',
  productCode: 'INST1',
  name: 'Installation',
  unitType: 'UNITS',
  unitCost: 200,
  unitWholesale: 300,
  unitPrice: 500,
  kind: 'one-off',
});
const pbx = product({
  id: 'p-pbx',
  productCode: 'PBX3',
  name: 'Hosted omstilling, kvartal',
  unitCost: 150,
  unitWholesale: 200,
  unitPrice: 300,
});
const domain = product({
  id: 'p-dom',
  productCode: 'DOM12',
  name: 'Domæne .dk, år',
  description: 'faktura.dk',
  unitCost: 40,
  unitWholesale: 50,
  unitPrice: 75,
});
const products = new Map<string, Product>([subscription, installation, pbx, domain].map((p) => [p.id, p]));

/** When the n-th item was put on the current invoice: from 1 January 2026, a day apart, so createdAt rises with the letter. */
const created = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 10)).toISOString();

const items: CurrentItem[] = [
  // A: monthly, no dates, locked (the close bills locked items): 2 × 199 = 398.00
  item({ id: 'a', product: 'p-abon', units: 2, locked: true, createdAt: created(0) }),
  // B: monthly, starts 13 November: 18/30 = 0.6 units; 0.6 × 199 = 119.40
  item({
    id: 'b',
    product: 'p-abon',
    from: '2026-11-13',
    description: 'Nummer: 70305050',
    createdAt: created(1),
  }),
  // C: monthly, stops 10 November: 10/30 = 0.333333 units; 0.333333 × 199 = 66.333267 → 66.33. Consumed.
  item({ id: 'c', product: 'p-abon', from: '2026-01-01', to: '2026-11-10', createdAt: created(2) }),
  // D: monthly, starts 20 November but full-month: 1 unit, the whole month; 199.00
  item({ id: 'd', product: 'p-abon', from: '2026-11-20', fullMonth: true, createdAt: created(3) }),
  // E: one-off installation: 1 × 500 = 500.00. Consumed.
  item({
    id: 'e',
    product: 'p-inst',
    recurrence: 'NONE',
    description: 'Installation af omstilling',
    createdAt: created(4),
  }),
  // F: one-off credit at an overridden price: -1 × 100 = -100.00. Consumed.
  item({
    id: 'f',
    product: 'p-inst',
    recurrence: 'NONE',
    units: -1,
    unitPrice: 100,
    description: 'Kompensation for nedbrud',
    createdAt: created(5),
  }),
  // G: monthly credit from 21 November: -10/30 = -0.333333 units; × 199 = -66.333267 → -66.33
  item({
    id: 'g',
    product: 'p-abon',
    units: -1,
    from: '2026-11-21',
    description: 'Rabat',
    createdAt: created(6),
  }),
  // H: quarterly from August: billed Aug, Nov, Feb, May; now November-January in full: 300.00
  item({ id: 'h', product: 'p-pbx', recurrence: 'QUARTERLY', from: '2026-08-01', createdAt: created(7) }),
  // I: quarterly from May, 2 units, stops 15 December: 1 Nov-15 Dec = 45 of 92 days;
  //    2 × 45/92 = 0.97826086… → 0.978261 units; × 300 = 293.4783 → 293.48. Consumed.
  item({
    id: 'i',
    product: 'p-pbx',
    recurrence: 'QUARTERLY',
    units: 2,
    from: '2026-05-01',
    to: '2026-12-15',
    createdAt: created(8),
  }),
  // J: quarterly from September: billed Sep, Dec: not now.
  item({ id: 'j', product: 'p-pbx', recurrence: 'QUARTERLY', from: '2026-09-15', createdAt: created(9) }),
  // K: yearly from 10 November 2025: its second year, November 2026-October 2027, in full: 75.00
  item({ id: 'k', product: 'p-dom', recurrence: 'YEARLY', from: '2025-11-10', createdAt: created(10) }),
  // L: yearly from 10 November 2026: 10 Nov 2026-31 Oct 2027 = 356 of 365 days;
  //    356/365 = 0.97534246… → 0.975342 units; × 75 = 73.15065 → 73.15
  item({ id: 'l', product: 'p-dom', recurrence: 'YEARLY', from: '2026-11-10', createdAt: created(11) }),
  // M: yearly from March: not now.
  item({ id: 'm', product: 'p-dom', recurrence: 'YEARLY', from: '2026-03-01', createdAt: created(12) }),
  // N: monthly, starts in December: not now.
  item({ id: 'n', product: 'p-abon', from: '2026-12-01', createdAt: created(13) }),
  // O: its product is gone: skipped, not consumed, no throw.
  item({ id: 'o', product: 'p-gone', recurrence: 'NONE', createdAt: created(14) }),
  // P: put on the current invoice at 00:30 on 1 December: December's close takes it.
  item({ id: 'p', product: 'p-inst', recurrence: 'NONE', createdAt: '2026-11-30T23:30:00.000Z' }),
];
// Price subtotal: 398.00 + 119.40 + 66.33 + 199.00 + 500.00 - 100.00 - 66.33 + 300.00 + 293.48 + 75.00 + 73.15
//   = 1858.03; VAT 25 % = 464.5075 → 464.51; total 1858.03 + 464.51 = 2322.54.

const customer = { id: CUSTOMER, reseller: RESELLER };
const november = parsePeriod('2026-11');
const context = {
  id: periodInvoiceId(RESELLER, CUSTOMER, '2026-11'),
  now: new Date('2026-12-01T01:00:05.000Z'),
};

/** The parts of a line the close decides; the rest is invoiceLine's, tested with it. */
const billed = (line: {
  product: string;
  units: number;
  unitPrice: number;
  from?: string;
  to?: string;
  description?: string;
}) => ({
  product: line.product,
  units: line.units,
  unitPrice: line.unitPrice,
  from: line.from,
  to: line.to,
  description: line.description,
});

describe('periodInvoiceFor: the November 2026 close', () => {
  it('makes the period invoice computed by hand', () => {
    // Act
    const result = periodInvoiceFor(customer, items, products, november, context);

    // Assess
    expect(result?.invoice.lines.map(billed)).toStrictEqual([
      {
        product: 'p-abon',
        units: 2,
        unitPrice: 199,
        from: '2026-11-01',
        to: '2026-11-30',
        description: undefined,
      },
      {
        product: 'p-abon',
        units: 0.6,
        unitPrice: 199,
        from: '2026-11-13',
        to: '2026-11-30',
        description: 'Nummer: 70305050 (13-11-2026 – 30-11-2026)',
      },
      {
        product: 'p-abon',
        units: 0.333333,
        unitPrice: 199,
        from: '2026-11-01',
        to: '2026-11-10',
        description: '(01-11-2026 – 10-11-2026)',
      },
      {
        product: 'p-abon',
        units: 1,
        unitPrice: 199,
        from: '2026-11-01',
        to: '2026-11-30',
        description: undefined,
      },
      {
        product: 'p-inst',
        units: 1,
        unitPrice: 500,
        from: undefined,
        to: undefined,
        description: 'Installation af omstilling',
      },
      {
        product: 'p-inst',
        units: -1,
        unitPrice: 100,
        from: undefined,
        to: undefined,
        description: 'Kompensation for nedbrud',
      },
      {
        product: 'p-abon',
        units: -0.333333,
        unitPrice: 199,
        from: '2026-11-21',
        to: '2026-11-30',
        description: 'Rabat (21-11-2026 – 30-11-2026)',
      },
      {
        product: 'p-pbx',
        units: 1,
        unitPrice: 300,
        from: '2026-11-01',
        to: '2027-01-31',
        description: undefined,
      },
      {
        product: 'p-pbx',
        units: 0.978261,
        unitPrice: 300,
        from: '2026-11-01',
        to: '2026-12-15',
        description: '(01-11-2026 – 15-12-2026)',
      },
      {
        product: 'p-dom',
        units: 1,
        unitPrice: 75,
        from: '2026-11-01',
        to: '2027-10-31',
        description: 'faktura.dk',
      },
      {
        product: 'p-dom',
        units: 0.975342,
        unitPrice: 75,
        from: '2026-11-10',
        to: '2027-10-31',
        description: 'faktura.dk (10-11-2026 – 31-10-2027)',
      },
    ]);
    expect(result?.invoice.totals).toMatchObject({ subTotal: 1858.03, vat: 464.51, total: 2322.54 });
    expect(result?.consumedItemIds).toStrictEqual(['c', 'e', 'f', 'i']);
    expect(result?.skipped.map(({ itemId, reason }) => ({ itemId, reason }))).toStrictEqual([
      { itemId: 'j', reason: 'NOT_ITS_MONTH' },
      { itemId: 'm', reason: 'NOT_ITS_MONTH' },
      { itemId: 'n', reason: 'NOT_STARTED' },
      { itemId: 'o', reason: 'PRODUCT_MISSING' },
      { itemId: 'p', reason: 'CREATED_AFTER_PERIOD' },
    ]);
  });

  it('computes the cost and wholesale columns by the same rules', () => {
    // Act
    const result = periodInvoiceFor(customer, items, products, november, context);

    // Assess: wholesale 120/300/200/50 per unit:
    //   A 240.00, B 0.6 × 120 = 72.00, C 0.333333 × 120 = 39.99996 → 40.00, D 120.00, E 300.00,
    //   F -300.00 (only the price is overridden), G -40.00, H 200.00, I 0.978261 × 200 = 195.6522 → 195.65,
    //   K 50.00, L 0.975342 × 50 = 48.7671 → 48.77: sum 926.42; VAT 231.605 → 231.61.
    expect(result?.invoice.totals).toMatchObject({ subTotalWholesale: 926.42, vatWholesale: 231.61 });
  });

  it('dates the invoice at the end of the month and marks it as a period invoice', () => {
    // Act
    const invoice = periodInvoiceFor(customer, items, products, november, context)?.invoice;

    // Assess
    expect(invoice).toMatchObject({
      id: context.id,
      reseller: RESELLER,
      customer: CUSTOMER,
      period: true,
      sent: false,
      paid: false,
      invoiceNumber: '-1',
      headline: 'Periodefaktura november 2026',
      invoiceDate: '2026-11-30T23:00:00.000Z', // 1 December 2026, 00:00 in Copenhagen
      createdAt: '2026-12-01T01:00:05.000Z',
    });
    expect(invoice).not.toHaveProperty('dueDate');
    expect(invoice).not.toHaveProperty('createdBy');
  });

  it('writes the headline in the customer’s language, or the one asked for', () => {
    // Act
    const english = periodInvoiceFor({ ...customer, language: 'en' }, items, products, november, context);
    const danish = periodInvoiceFor({ ...customer, language: 'en' }, items, products, november, {
      ...context,
      language: 'da',
    });

    // Assess
    expect(english?.invoice.headline).toBe('Period invoice November 2026');
    expect(danish?.invoice.headline).toBe('Periodefaktura november 2026');
  });

  it('makes no invoice when nothing is billed, but still says why', () => {
    // Prepare
    const notNow = items.filter((i) => ['j', 'm', 'n', 'o'].includes(i.id));

    // Act
    const result = periodInvoiceFor(customer, notNow, products, november, context);
    const lines = periodLines(customer, notNow, products, november);

    // Assess
    expect(result).toBeUndefined();
    expect(lines.skipped).toHaveLength(4);
    expect(lines.consumedItemIds).toStrictEqual([]);
  });

  it('leaves out another customer’s items', () => {
    // Act
    const result = periodLines(
      customer,
      [item({ id: 'x', customer: 'someone-else', product: 'p-abon' })],
      products,
      november,
    );

    // Assess
    expect(result.lines).toStrictEqual([]);
    expect(result.skipped).toMatchObject([{ itemId: 'x', reason: 'OTHER_CUSTOMER' }]);
  });

  it('leaves on the current invoice an item whose line a risen product price put beyond the limit', () => {
    // Prepare: 20 units were fine at 199 kr; the product now costs 999,999,999 kr a month
    const risen = new Map([['p-abon', { ...products.get('p-abon')!, unitPrice: 999_999_999 }]]);
    const heavy = [
      item({ id: 'big', product: 'p-abon', units: 20, recurrence: 'NONE' }),
      item({
        id: 'ok',
        product: 'p-abon',
        units: 1,
        recurrence: 'NONE',
        createdAt: '2026-01-06T09:00:00.000Z',
      }),
    ];

    // Act
    const result = periodLines(customer, heavy, risen, november);

    // Assess
    expect(result.lines.map((line) => line.units)).toStrictEqual([1]);
    expect(result.consumedItemIds).toStrictEqual(['ok']);
    expect(result.skipped).toStrictEqual([
      {
        itemId: 'big',
        reason: 'AMOUNT_BEYOND_LIMIT',
        detail: 'units × unit price is beyond the limits (10000000000 kr a line)',
      },
    ]);
  });

  it('leaves for staff the items that would take the invoice beyond the invoice limit', () => {
    // Prepare: eleven one-offs of 10,000,000,000 kr each
    const dear = new Map([
      ['p-inst', { ...products.get('p-inst')!, unitCost: 0, unitWholesale: 0, unitPrice: 1e9 }],
    ]);
    const many = Array.from({ length: 11 }, (_, i) =>
      item({ id: `i${String(i).padStart(2, '0')}`, product: 'p-inst', units: 10, recurrence: 'NONE' }),
    );

    // Act
    const result = periodInvoiceFor(customer, many, dear, november, context);

    // Assess
    expect(result?.invoice.totals.subTotal).toBe(100_000_000_000);
    expect(result?.consumedItemIds).toHaveLength(10);
    expect(result?.skipped).toStrictEqual([
      {
        itemId: 'i10',
        reason: 'INVOICE_LIMIT',
        detail: "the invoice's lines would add up beyond 100000000000 kr (unit price column)",
      },
    ]);
  });

  it('bills the December close with what November left: the late one-off, J and the stopped quarter is gone', () => {
    // Prepare: what the November close leaves on the current invoice.
    const consumed = new Set(['c', 'e', 'f', 'i']);
    const left = items.filter((i) => !consumed.has(i.id));

    // Act
    const result = periodInvoiceFor(customer, left, products, parsePeriod('2026-12'), {
      id: periodInvoiceId(RESELLER, CUSTOMER, '2026-12'),
      now: new Date('2027-01-01T01:00:00.000Z'),
    });

    // Assess: A 2, B 1, D 1, G -1 (all whole December), J (quarterly from September) December-February,
    // N from 1 December in full, O still without product, P the installation; H, K, L, M wait.
    expect(result?.invoice.lines.map((line) => [line.product, line.units, line.from, line.to])).toStrictEqual(
      [
        ['p-abon', 2, '2026-12-01', '2026-12-31'],
        ['p-abon', 1, '2026-12-01', '2026-12-31'],
        ['p-abon', 1, '2026-12-01', '2026-12-31'],
        ['p-abon', -1, '2026-12-01', '2026-12-31'],
        ['p-pbx', 1, '2026-12-01', '2027-02-28'],
        ['p-abon', 1, '2026-12-01', '2026-12-31'],
        ['p-inst', 1, undefined, undefined],
      ],
    );
    // 398 + 199 + 199 - 199 + 300 + 199 + 500 = 1596.00; VAT 399.00; total 1995.00
    expect(result?.invoice.totals).toMatchObject({ subTotal: 1596, vat: 399, total: 1995 });
    expect(result?.consumedItemIds).toStrictEqual(['p']);
  });
});

describe('periodInvoiceFor: properties', () => {
  const anyProducts = new Map<string, Product>([
    ['product-1', product()],
    ['product-2', product({ id: 'product-2', kind: 'one-off', unitPrice: 12.5 })],
  ]);

  it('is a pure function of its input, whatever order the items come in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(itemArb, { selector: (i) => i.id, maxLength: 12 }),
        recentMonthArb,
        (anyItems, month) => {
          // Prepare
          const period = parsePeriod(month);
          const shuffled = [...anyItems].reverse();

          // Act
          const first = periodInvoiceFor(customer, anyItems, anyProducts, period, context);
          const again = periodInvoiceFor(customer, structuredClone(shuffled), anyProducts, period, context);

          // Assess
          expect(again).toStrictEqual(first);
        },
      ),
    );
  });

  it('consumes only what it bills, and bills or skips every item once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(itemArb, { selector: (i) => i.id, maxLength: 12 }),
        monthArb,
        (anyItems, month) => {
          // Act
          const result = periodLines(customer, anyItems, anyProducts, parsePeriod(month));

          // Assess
          expect(result.lines.length + result.skipped.length).toBe(anyItems.length);
          const skippedIds = new Set(result.skipped.map((s) => s.itemId));
          for (const id of result.consumedItemIds) expect(skippedIds.has(id)).toBe(false);
        },
      ),
    );
  });
});

describe('periodInvoiceId', () => {
  it('is the same for every run of the same month, and 24 lowercase hex', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), monthArb, (reseller, customerId, month) => {
        // Act
        const id = periodInvoiceId(reseller, customerId, month);

        // Assess
        expect(id).toMatch(/^[0-9a-f]{24}$/);
        expect(periodInvoiceId(reseller, customerId, month)).toBe(id);
      }),
    );
  });

  it('differs between months and customers', () => {
    fc.assert(
      fc.property(monthArb, monthArb, fc.string(), fc.string(), (m1, m2, c1, c2) => {
        // Act and assess
        if (m1 !== m2) expect(periodInvoiceId(RESELLER, c1, m1)).not.toBe(periodInvoiceId(RESELLER, c1, m2));
        if (c1 !== c2) expect(periodInvoiceId(RESELLER, c1, m1)).not.toBe(periodInvoiceId(RESELLER, c2, m1));
      }),
    );
  });

  it('starts with the invoice date in seconds, as every id starts with its time', () => {
    // Act
    const id = periodInvoiceId(RESELLER, CUSTOMER, '2026-11');

    // Assess: 2026-11-30T23:00:00Z is 1795993200 s = 0x6a2cccf0.
    expect(id.slice(0, 8)).toBe(Math.floor(Date.parse('2026-11-30T23:00:00Z') / 1000).toString(16));
  });
});
