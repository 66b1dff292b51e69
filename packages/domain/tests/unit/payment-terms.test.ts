import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoDateOfDay } from '../../src/monthly-close/iso-date.ts';
import {
  DAYS_OF_CREDIT_MAX,
  decideDueDate,
  type PaymentTerms,
  paymentTermsTypes,
  undecidableDueDate,
} from '../../src/payment-terms.ts';

/** Calendar days from 1990 to 2100, as YYYY-MM-DD. */
const isoDate = fc
  .integer({ min: dayNumber('1990-01-01'), max: dayNumber('2100-12-31') })
  .map((day) => isoDateOfDay(day));
const days = fc.integer({ min: 0, max: DAYS_OF_CREDIT_MAX });
const otherType = fc.constantFrom(...paymentTermsTypes.filter((type) => type !== 'dueDate'));
const forfaldsdato: PaymentTerms = { number: 4, name: 'Forfaldsdato', type: 'dueDate' };

describe('decideDueDate', () => {
  it('never sends a due date before the draft’s date, whatever the terms, dates and default', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.option(isoDate, { nil: undefined }),
        fc.constantFrom(...paymentTermsTypes),
        fc.option(days, { nil: undefined }),
        (date, dueDate, type, defaultDaysOfCredit) => {
          // Act
          const decision = decideDueDate({ date, dueDate, terms: { type }, defaultDaysOfCredit });

          // Assess
          if (decision.kind === 'send') expect(decision.dueDate >= date).toBe(true);
        },
      ),
    );
  });

  it('under dueDate terms: the invoice’s own due date when it is not before the date', () => {
    fc.assert(
      fc.property(isoDate, days, fc.option(days, { nil: undefined }), (date, later, defaultDaysOfCredit) => {
        // Prepare
        const dueDate = isoDateOfDay(dayNumber(date) + later);

        // Act
        const decision = decideDueDate({ date, dueDate, terms: forfaldsdato, defaultDaysOfCredit });

        // Assess
        expect(decision).toEqual({ kind: 'send', dueDate, from: 'invoice' });
      }),
    );
  });

  it('under dueDate terms without a usable own due date: the date plus the default days of credit', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
        days,
        (date, earlierBy, defaultDaysOfCredit) => {
          // Prepare: none, or one before the date
          const dueDate = earlierBy === undefined ? undefined : isoDateOfDay(dayNumber(date) - earlierBy);

          // Act
          const decision = decideDueDate({ date, dueDate, terms: forfaldsdato, defaultDaysOfCredit });

          // Assess: counted in calendar days, across months, years and leap days
          expect(decision).toEqual({
            kind: 'send',
            dueDate: isoDateOfDay(dayNumber(date) + defaultDaysOfCredit),
            from: 'default',
          });
          expect(dayNumber(decision.kind === 'send' ? decision.dueDate : '') - dayNumber(date)).toBe(
            defaultDaysOfCredit,
          );
        },
      ),
    );
  });

  it('under dueDate terms with neither: undecidable, saying whether the invoice had none or one too early', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 400 }), (date, earlierBy) => {
        // Act
        const missing = decideDueDate({ date, terms: forfaldsdato });
        const early = decideDueDate({
          date,
          dueDate: isoDateOfDay(dayNumber(date) - earlierBy),
          terms: forfaldsdato,
        });

        // Assess
        expect(missing).toEqual({ kind: 'undecidable', invoiceDueDate: 'missing' });
        expect(early).toEqual({ kind: 'undecidable', invoiceDueDate: 'before-date' });
      }),
    );
  });

  it('under every other type (or unknown terms): the invoice’s own when usable, else none; the default is never used', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.option(isoDate, { nil: undefined }),
        fc.option(otherType, { nil: undefined }),
        fc.option(days, { nil: undefined }),
        (date, dueDate, type, defaultDaysOfCredit) => {
          // Act
          const decision = decideDueDate({
            date,
            dueDate,
            terms: type === undefined ? undefined : { type },
            defaultDaysOfCredit,
          });

          // Assess
          expect(decision).toEqual(
            dueDate !== undefined && dueDate >= date
              ? { kind: 'send', dueDate, from: 'invoice' }
              : { kind: 'none' },
          );
        },
      ),
    );
  });

  it('counts a default over a month end and a leap day (examples)', () => {
    expect(decideDueDate({ date: '2028-02-20', terms: forfaldsdato, defaultDaysOfCredit: 14 })).toEqual({
      kind: 'send',
      dueDate: '2028-03-05',
      from: 'default',
    });
    expect(decideDueDate({ date: '2026-12-31', terms: forfaldsdato, defaultDaysOfCredit: 0 })).toEqual({
      kind: 'send',
      dueDate: '2026-12-31',
      from: 'default',
    });
  });
});

describe('undecidableDueDate', () => {
  it('names the terms by number, name and type, why, and the customer last', () => {
    expect(
      undecidableDueDate(forfaldsdato, { kind: 'undecidable', invoiceDueDate: 'missing' }, 'Hansen ApS'),
    ).toBe(
      'Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice has none and no defaultDaysOfCredit is set on the e-conomic integration: Hansen ApS',
    );
    expect(
      undecidableDueDate(forfaldsdato, { kind: 'undecidable', invoiceDueDate: 'before-date' }, 'Hansen ApS'),
    ).toBe(
      'Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice’s due date is before its invoice date and no defaultDaysOfCredit is set on the e-conomic integration: Hansen ApS',
    );
  });
});
