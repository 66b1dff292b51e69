import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DraftTotalsDiffer, draftTotals, draftTotalsDifference } from '../../src/draft-totals.ts';

describe('draftTotalsDifference', () => {
  it('finds no difference when net, VAT and gross are the same amounts', () => {
    expect(
      draftTotalsDifference('economic', 'inv1', '7', draftTotals(478.1, 32.03), {
        net: 478.1,
        vat: 32.03,
        gross: 510.13,
      }),
    ).toBeUndefined();
  });

  it('names the invoice, the draft and both sets of amounts when they differ', () => {
    // Act
    const difference = draftTotalsDifference('uniconta', 'inv1', '104', draftTotals(478.1, 32.03), {
      net: 478.1,
      vat: 119.53,
      gross: 597.63,
    });

    // Assess
    expect(difference).toBeInstanceOf(DraftTotalsDiffer);
    expect(difference?.message).toBe(
      'Invoice inv1: the Uniconta draft 104 has net 478.10, VAT 119.53, gross 597.63; the invoice has net 478.10, VAT 32.03, gross 510.13',
    );
  });

  it('tells any difference of one øre, in any of the three (property)', () => {
    const ore = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 100);
    fc.assert(
      fc.property(
        ore,
        ore,
        fc.constantFrom('net', 'vat', 'gross' as const),
        fc.constantFrom(-0.01, 0.01),
        (net, vat, field, delta) => {
          const invoice = draftTotals(net, vat);
          const draft = { ...invoice, [field]: Number((invoice[field] + delta).toFixed(2)) };
          expect(draftTotalsDifference('economic', 'i', '1', invoice, invoice)).toBeUndefined();
          expect(draftTotalsDifference('economic', 'i', '1', invoice, draft)).toBeInstanceOf(
            DraftTotalsDiffer,
          );
        },
      ),
    );
  });
});
