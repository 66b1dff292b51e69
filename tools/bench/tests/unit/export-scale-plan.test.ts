import { describe, expect, it } from 'vitest';
import { scaleInvoiceDate, scalePlan } from '../../sections/export-scale.ts';

describe('scaleInvoiceDate', () => {
  it('dates all but the last few invoices the 1st, and those each day from the 2nd to the 28th', () => {
    // Act
    const dates = Array.from({ length: scalePlan.invoices }, (_, index) => scaleInvoiceDate(index));

    // Assess
    const later = dates.filter((date) => date !== '2026-11-01');
    expect(later).toHaveLength(scalePlan.datedLater);
    expect(
      dates.slice(0, scalePlan.invoices - scalePlan.datedLater).every((date) => date === '2026-11-01'),
    ).toBe(true);
    expect(later.slice(0, 3)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
    expect(new Set(later)).toEqual(
      new Set(Array.from({ length: 27 }, (_, day) => `2026-11-${String(day + 2).padStart(2, '0')}`)),
    );
  });
});
