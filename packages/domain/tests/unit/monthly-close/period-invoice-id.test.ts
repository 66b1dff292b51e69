import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/ids.ts';
import { periodInvoiceId, periodInvoiceMonth } from '../../../src/monthly-close/period-invoice-id.ts';
import { CUSTOMER, monthArb, RESELLER } from './fixtures.ts';

describe('periodInvoiceId', () => {
  it('is the same for the same customer and month, and differs for another customer or month', () => {
    // Act and assess
    expect(periodInvoiceId(RESELLER, CUSTOMER, '2026-10')).toBe(
      periodInvoiceId(RESELLER, CUSTOMER, '2026-10'),
    );
    expect(periodInvoiceId(RESELLER, CUSTOMER, '2026-10')).toMatch(/^[0-9a-f]{24}$/);
    expect(periodInvoiceId(RESELLER, CUSTOMER, '2026-10')).not.toBe(
      periodInvoiceId(RESELLER, 'other', '2026-10'),
    );
    expect(periodInvoiceId(RESELLER, CUSTOMER, '2026-10')).not.toBe(
      periodInvoiceId(RESELLER, CUSTOMER, '2026-11'),
    );
  });
});

describe('periodInvoiceMonth', () => {
  it('names the month of every period invoice of the customer', () => {
    fc.assert(
      fc.property(monthArb, (month) => {
        // Act and assess
        expect(periodInvoiceMonth(RESELLER, CUSTOMER, periodInvoiceId(RESELLER, CUSTOMER, month))).toBe(
          month,
        );
      }),
    );
  });

  it('names none for another customer’s period invoice, a drawn id, or no id at all', () => {
    // Act and assess
    expect(
      periodInvoiceMonth(RESELLER, CUSTOMER, periodInvoiceId(RESELLER, 'other', '2026-10')),
    ).toBeUndefined();
    expect(periodInvoiceMonth(RESELLER, CUSTOMER, newId())).toBeUndefined();
    expect(periodInvoiceMonth(RESELLER, CUSTOMER, 'not an id')).toBeUndefined();
  });
});
