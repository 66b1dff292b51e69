import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInvoice } from '../../../src/invoice/create-invoice.ts';
import { groupLines } from '../../../src/invoice/grouping.ts';
import type { InvoiceLine } from '../../../src/invoice/model.ts';
import { lineAmount } from '../../../src/invoice/money.ts';
import { priceLine, totalsOfPricedLines } from '../../../src/invoice/totals.ts';
import { presentInvoice } from '../../../src/invoice/visibility.ts';
import { type Exact, exactDecimal, line, seed003Lines } from './fixtures.ts';

const call = (overrides: Partial<InvoiceLine> = {}) =>
  line({
    product: '54917e9940c67b6c3dd05a8c',
    productCode: 'FORBRUG1',
    name: 'Samtaler',
    kind: 'usage',
    from: '2014-12-01',
    to: '2014-12-31',
    unitCost: 0.1,
    unitWholesale: 0.2,
    unitPrice: 0.333,
    ...overrides,
  });

describe('groupLines', () => {
  it('merges lines of the same product, period and prices, summing units and amounts', () => {
    // Prepare
    const lines = [
      call({ units: 1, description: 'SIP: Hovedkonto' }),
      call({ units: 2.5, description: 'SIP: Fax' }),
    ];

    // Act
    const grouped = groupLines(lines.map(priceLine));

    // Assess: different descriptions, so none; from/to still say when
    expect(grouped).toEqual([
      {
        ...call({ units: 3.5 }),
        amountCost: 0.35,
        amountWholesale: 0.7,
        amount: 1.16, // 0.33 + 0.83 (2.5 × 0.333 = 0.8325)
      },
    ]);
    expect(grouped[0]).not.toHaveProperty('description');
  });

  it('keeps a description every member shares', () => {
    // Prepare
    const lines = [call({ description: 'Opkald' }), call({ description: 'Opkald' })];

    // Act
    const [grouped] = groupLines(lines.map(priceLine));

    // Assess
    expect(grouped?.description).toBe('Opkald');
    expect(grouped?.units).toBe(2);
  });

  it('carries the members’ rounded amounts instead of recomputing them from the summed units', () => {
    // Prepare: three lines of 1 × 0.333, each 0.33 on the invoice
    const lines = [call(), call(), call()].map(priceLine);

    // Act
    const [grouped] = groupLines(lines);

    // Assess: 0.99 as invoiced, although 3 × 0.333 alone would round to 1.00
    expect(lineAmount(3, 0.333)).toBe(1);
    expect(grouped).toMatchObject({ units: 3, unitPrice: 0.333, amount: 0.99 });
    expect(totalsOfPricedLines([grouped!])).toEqual(totalsOfPricedLines(lines));
  });

  it.each<[string, Partial<InvoiceLine>]>([
    ['another period', { from: '2015-01-01', to: '2015-01-31' }],
    ['no period', { from: undefined, to: undefined }],
    ['another unit price', { unitPrice: 0.34 }],
    ['another wholesale price', { unitWholesale: 0.21 }],
    ['another cost price', { unitCost: 0.11 }],
    ['VAT exemption', { vatExempt: true }],
    ['another name', { name: 'Samtaler (udland)' }],
    ['another product', { product: '54917e9940c67b6c3dd05a8d' }],
    ['an included product', { included: true }],
    ['an external licence', { externalLicense: true }],
    ['another unit type', { type: 'MIN' }],
  ])('keeps apart a line with %s', (_, difference) => {
    // Prepare
    const lines = [call(), call(difference)].map(priceLine);

    // Act
    const grouped = groupLines(lines);

    // Assess
    expect(grouped).toHaveLength(2);
  });

  it('keeps the order in which the groups first appear', () => {
    // Prepare
    const a = call({ productCode: 'A', product: 'aaaaaaaaaaaaaaaaaaaaaaaa' });
    const b = call({ productCode: 'B', product: 'bbbbbbbbbbbbbbbbbbbbbbbb' });

    // Act
    const grouped = groupLines([b, a, b, a, b].map(priceLine));

    // Assess
    expect(grouped.map((entry) => [entry.productCode, entry.units])).toEqual([
      ['B', 3],
      ['A', 2],
    ]);
  });

  it('leaves docs/seeds/003-get-invoice.txt as it is: its two call lines have different prices', () => {
    // Act
    const grouped = groupLines(seed003Lines.map(priceLine));

    // Assess
    expect(grouped).toEqual(seed003Lines.map(priceLine));
  });

  // Lines drawn from a few products, periods and prices, so that many of them merge.
  const pooledLine = fc
    .record({
      product: fc.constantFrom(
        'aaaaaaaaaaaaaaaaaaaaaaaa',
        'bbbbbbbbbbbbbbbbbbbbbbbb',
        'cccccccccccccccccccccccc',
      ),
      period: fc.constantFrom<{ from?: string; to?: string }>(
        {},
        { from: '2024-01-01', to: '2024-01-31' },
        { from: '2024-02-01', to: '2024-02-29' },
      ),
      unitPrice: fc.constantFrom(0.333, 25, 1.0049, -3.5),
      unitWholesale: fc.constantFrom(0.1667, 20),
      vatExempt: fc.boolean(),
      description: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
      units: exactDecimal(1_000n),
    })
    .map(({ period, units, description, ...rest }) => ({
      units,
      line: call({ ...rest, from: undefined, to: undefined, ...period, description, units: units.value }),
    }));

  const keyOf = (entry: InvoiceLine) =>
    JSON.stringify([entry.product, entry.from, entry.unitPrice, entry.unitWholesale, entry.vatExempt]);

  it('preserves the sum of units per product, period and prices, exactly', () => {
    fc.assert(
      fc.property(fc.array(pooledLine, { maxLength: 40 }), (entries) => {
        // Prepare: the reference sums in units of 10^-4
        const expected = new Map<string, bigint>();
        const scaled = (units: Exact) => units.int * 10n ** BigInt(4 - units.scale);
        for (const { line: entry, units } of entries) {
          expected.set(keyOf(entry), (expected.get(keyOf(entry)) ?? 0n) + scaled(units));
        }

        // Act
        const grouped = groupLines(entries.map((entry) => priceLine(entry.line)));

        // Assess: one line per group, with the exact sum
        expect(grouped).toHaveLength(expected.size);
        for (const entry of grouped) {
          expect(entry.units).toBe(Number(`${expected.get(keyOf(entry))}e-4`) + 0);
        }
      }),
    );
  });

  it('never changes the invoice totals, nor the invoice document’s', () => {
    fc.assert(
      fc.property(fc.array(pooledLine, { maxLength: 40 }), (entries) => {
        // Prepare
        const lines = entries.map((entry) => entry.line);
        const invoice = createInvoice(
          { reseller: 'aaaaaaaaaaaaaaaaaaaaaaaa', customer: 'bbbbbbbbbbbbbbbbbbbbbbbb', lines },
          { id: 'cccccccccccccccccccccccc', now: new Date('2024-03-01T00:00:00Z') },
        );
        const priced = lines.map(priceLine);

        // Act
        const grouped = groupLines(priced);
        const { lines: _ungroupedLines, ...ungroupedDocument } = presentInvoice(invoice, 'ADMIN');
        const { lines: _groupedLines, ...groupedDocument } = presentInvoice(invoice, 'ADMIN', {
          groupInvoiceLines: true,
        });

        // Assess
        expect(totalsOfPricedLines(grouped)).toEqual(totalsOfPricedLines(priced));
        expect(groupedDocument).toEqual(ungroupedDocument);
      }),
    );
  });

  it('is idempotent: a grouped invoice has nothing left to group', () => {
    fc.assert(
      fc.property(fc.array(pooledLine, { maxLength: 40 }), (entries) => {
        // Prepare
        const grouped = groupLines(entries.map((entry) => priceLine(entry.line)));

        // Act
        const regrouped = groupLines(grouped);

        // Assess
        expect(regrouped).toEqual(grouped);
      }),
    );
  });
});
