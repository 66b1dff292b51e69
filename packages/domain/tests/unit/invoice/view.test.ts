import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInvoice } from '../../../src/invoice/create-invoice.ts';
import { selectLines } from '../../../src/invoice/selection.ts';
import { invoiceTotals } from '../../../src/invoice/totals.ts';
import { invoiceView } from '../../../src/invoice/view.ts';
import { invoice as anyInvoice, line, viewOptions } from './fixtures.ts';

const subscription = line({ productCode: 'SUB', kind: 'subscription', unitPrice: 199 });
const usage = line({ productCode: 'USE', kind: 'usage', units: 12.5, unitPrice: 0.5 });
const oneOff = line({ productCode: 'ONE', kind: 'one-off', unitPrice: 200 });
const included = line({
  productCode: 'INC',
  kind: 'subscription',
  included: true,
  unitCost: 5,
  unitPrice: 0,
});
const licence = line({ productCode: 'LIC', kind: 'subscription', externalLicense: true, unitPrice: 89 });
const includedLicence = line({ productCode: 'ILIC', externalLicense: true, included: true });
const lines = [subscription, usage, oneOff, included, licence, includedLicence];

const codes = (selected: readonly { productCode: string }[]) => selected.map((entry) => entry.productCode);

describe('selectLines', () => {
  it('hides included products and external licences by default', () => {
    expect(codes(selectLines(lines))).toEqual(['SUB', 'USE', 'ONE']);
  });

  it('shows included products when asked', () => {
    expect(codes(selectLines(lines, { showIncludedProducts: true }))).toEqual(['SUB', 'USE', 'ONE', 'INC']);
  });

  it('leaves out subscriptions, not one-off lines, with onlyUsage', () => {
    expect(codes(selectLines(lines, { onlyUsage: true }))).toEqual(['USE', 'ONE']);
  });

  it('shows only the external licences with externalLicenses', () => {
    expect(codes(selectLines(lines, { externalLicenses: true }))).toEqual(['LIC']);
    expect(codes(selectLines(lines, { externalLicenses: true, showIncludedProducts: true }))).toEqual([
      'LIC',
      'ILIC',
    ]);
    expect(codes(selectLines(lines, { externalLicenses: true, onlyUsage: true }))).toEqual([]);
  });

  it('combines the options', () => {
    expect(codes(selectLines(lines, { showIncludedProducts: true, onlyUsage: true }))).toEqual([
      'USE',
      'ONE',
    ]);
  });
});

describe('invoiceView', () => {
  const invoice = createInvoice(
    { reseller: 'aaaaaaaaaaaaaaaaaaaaaaaa', customer: 'bbbbbbbbbbbbbbbbbbbbbbbb', lines },
    { id: 'cccccccccccccccccccccccc', now: new Date('2024-03-01T00:00:00Z') },
  );

  it('shows the invoice totals, over every line but the external licences, whatever is hidden', () => {
    // Act
    const view = invoiceView(invoice, { onlyUsage: true });

    // Assess: 199 + 6.25 + 200 (+ the free included line, whose cost still counts)
    expect(view.totals).toEqual(invoiceTotals([subscription, usage, oneOff, included]));
    expect(view.totals).toMatchObject({ subTotal: 405.25, subTotalCost: 5 });
    expect(codes(view.lines)).toEqual(['USE', 'ONE']);
  });

  it('shows the external-licence document with its own totals', () => {
    // Act
    const view = invoiceView(invoice, { externalLicenses: true });

    // Assess
    expect(codes(view.lines)).toEqual(['LIC']);
    expect(view.totals).toEqual(invoiceTotals([licence, includedLicence]));
    expect(view.totals).toMatchObject({ subTotal: 89, vat: 22.25, total: 111.25 });
  });

  it('prices the lines it shows', () => {
    // Act
    const view = invoiceView(invoice);

    // Assess
    expect(view.lines.map((entry) => entry.amount)).toEqual([199, 6.25, 200]);
  });

  it('takes the totals as stored, never from the lines shown', () => {
    fc.assert(
      fc.property(anyInvoice, viewOptions, (stored, options) => {
        // Act
        const view = invoiceView(stored, options);

        // Assess
        expect(view.totals).toBe(options.externalLicenses ? stored.externalLicenseTotals : stored.totals);
      }),
    );
  });
});
