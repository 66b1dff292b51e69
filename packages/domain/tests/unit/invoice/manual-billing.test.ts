import { describe, expect, it } from 'vitest';
import {
  dueDateAllowed,
  mayOverridePrice,
  usableOnNewLines,
  whyNotBillableByHand,
} from '../../../src/invoice/manual-billing.ts';
import type { Product } from '../../../src/product.ts';

const product = (barred: boolean): Product => ({
  id: '65f000000000000000000201',
  productCode: 'NUM01',
  name: 'Nummerleje',
  unitType: 'MONTHS',
  unitCost: 1,
  unitWholesale: 2,
  unitPrice: 3,
  vatExempt: false,
  kind: 'subscription',
  included: false,
  externalLicense: false,
  barred,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('whyNotBillableByHand', () => {
  it('lets a one-off, unlocked item be billed', () => {
    // Act
    const reason = whyNotBillableByHand({ recurrence: 'NONE', locked: false });

    // Assess
    expect(reason).toBeUndefined();
  });

  it.each(['MONTHLY', 'QUARTERLY', 'YEARLY'] as const)(
    'leaves a %s item to the monthly close',
    (recurrence) => {
      // Act
      const reason = whyNotBillableByHand({ recurrence, locked: false });

      // Assess
      expect(reason).toBe('Current invoice item cannot be included due to recurrence');
    },
  );

  it('holds back a locked item, recurring or not, and says it is locked', () => {
    // Act
    const reasons = [
      whyNotBillableByHand({ recurrence: 'NONE', locked: true }),
      whyNotBillableByHand({ recurrence: 'MONTHLY', locked: true }),
    ];

    // Assess
    expect(reasons).toEqual([
      'Current invoice item cannot be included: it is locked',
      'Current invoice item cannot be included: it is locked',
    ]);
  });
});

describe('usableOnNewLines', () => {
  it('refuses a missing or barred product and takes any other', () => {
    // Act
    const answers = [
      usableOnNewLines(undefined),
      usableOnNewLines(product(true)),
      usableOnNewLines(product(false)),
    ];

    // Assess
    expect(answers).toEqual([false, false, true]);
  });
});

describe('mayOverridePrice', () => {
  it('gives the platform’s prices to ADMIN alone and the customer’s price to anyone who bills', () => {
    // Act
    const table = (['ADMIN', 'RESELLER', 'USER'] as const).map((role) =>
      (['unitCost', 'unitWholesale', 'unitPrice'] as const).map((column) => mayOverridePrice(role, column)),
    );

    // Assess
    expect(table).toEqual([
      [true, true, true],
      [false, false, true],
      [false, false, true],
    ]);
  });
});

describe('dueDateAllowed', () => {
  const today = new Date('2026-11-15T00:00:00+01:00');
  const day = (date: string) => new Date(`${date}T00:00:00+01:00`);

  it('takes today and later when the invoice is dated today or earlier', () => {
    // Act
    const answers = [
      dueDateAllowed(day('2026-11-14'), undefined, today),
      dueDateAllowed(day('2026-11-15'), undefined, today),
      dueDateAllowed(day('2026-11-15'), day('2026-11-01'), today),
    ];

    // Assess
    expect(answers).toEqual([false, true, true]);
  });

  it('takes nothing before a later invoice date', () => {
    // Act
    const answers = [
      dueDateAllowed(day('2026-11-20'), day('2026-11-21'), today),
      dueDateAllowed(day('2026-11-21'), day('2026-11-21'), today),
    ];

    // Assess
    expect(answers).toEqual([false, true]);
  });
});
