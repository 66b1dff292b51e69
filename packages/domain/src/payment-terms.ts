import { dayNumber, isoDateOfDay } from './monthly-close/iso-date.ts';

/**
 * A draft order's due date under the customer's payment terms (e-conomic, docs/contracts/economic.md
 * §3 and §6): the one rule the export's pre-checks and the e-conomic adapter both follow, so that
 * an export refused up front is exactly one whose drafts e-conomic would refuse (`E04042` no due
 * date under `dueDate` terms, `E04760` a due date before the draft's date).
 *
 * - Terms of type `dueDate` ("Forfaldsdato") take the due date from the draft, and must have one.
 *   Every other type derives it from its own days of credit and ignores what is sent.
 * - The due date sent is the invoice's own, when it is not before the draft's date; else, under
 *   `dueDate` terms, the draft's date plus the reseller's default days of credit (a setting of the
 *   e-conomic integration); else none can be decided, and the export is refused before it starts.
 * - A due date before the draft's date is never sent.
 *
 * Dates are calendar days, `YYYY-MM-DD` (the invoice's dates in Danish time).
 */

/** Every type e-conomic's schemas name (`payment-terms.*.get`; the draft's POST schema adds `avtaleGiro`). */
export const paymentTermsTypes = [
  'net',
  'invoiceMonth',
  'paidInCash',
  'prepaid',
  'dueDate',
  'factoring',
  'invoiceWeekStartingSunday',
  'invoiceWeekStartingMonday',
  'creditcard',
  'avtaleGiro',
] as const;
export type PaymentTermsType = (typeof paymentTermsTypes)[number];

export const isPaymentTermsType = (value: unknown): value is PaymentTermsType =>
  (paymentTermsTypes as readonly unknown[]).includes(value);

/** A customer's payment terms as the accounting system lists them. */
export interface PaymentTerms {
  readonly number: number;
  readonly name: string;
  readonly type: PaymentTermsType;
}

/** The reseller's default days of credit: a whole number of days, 0 to 365. */
export const DAYS_OF_CREDIT_MAX = 365;

/** Only `dueDate` terms take the due date from the draft (and require it). */
export const needsDueDate = (terms: Pick<PaymentTerms, 'type'> | undefined): boolean =>
  terms?.type === 'dueDate';

/** The invoice's own due date, when a draft dated `date` may carry it: never one before the date. */
export const usableDueDate = (date: string, dueDate: string | undefined): string | undefined =>
  dueDate !== undefined && dueDate >= date ? dueDate : undefined;

export interface DueDateInput {
  /** The draft's date: the invoice date. */
  readonly date: string;
  /** The invoice's own due date, if it has one. */
  readonly dueDate?: string | undefined;
  /** The customer's terms; undefined when not known (nothing is then required). */
  readonly terms?: Pick<PaymentTerms, 'type'> | undefined;
  readonly defaultDaysOfCredit?: number | undefined;
}

export type DueDateDecision =
  /** Send this due date: the invoice's own, or the date plus the default days of credit. */
  | { readonly kind: 'send'; readonly dueDate: string; readonly from: 'invoice' | 'default' }
  /** Send none: the terms derive their own. */
  | { readonly kind: 'none' }
  /** The terms need one and none can be decided: the invoice has none usable, and no default is set. */
  | { readonly kind: 'undecidable'; readonly invoiceDueDate: 'missing' | 'before-date' };

export const decideDueDate = ({
  date,
  dueDate,
  terms,
  defaultDaysOfCredit,
}: DueDateInput): DueDateDecision => {
  const own = usableDueDate(date, dueDate);
  if (own !== undefined) return { kind: 'send', dueDate: own, from: 'invoice' };
  if (!needsDueDate(terms)) return { kind: 'none' };
  if (defaultDaysOfCredit !== undefined && Number.isInteger(defaultDaysOfCredit) && defaultDaysOfCredit >= 0)
    return { kind: 'send', dueDate: isoDateOfDay(dayNumber(date) + defaultDaysOfCredit), from: 'default' };
  return { kind: 'undecidable', invoiceDueDate: dueDate === undefined ? 'missing' : 'before-date' };
};

/**
 * Why no due date could be decided, for the pre-export problem (`economic.paymentTerms`) and the
 * adapter's refusal alike: the terms by number, name and type, then the customer's name last, as
 * the other export problems end.
 */
export const undecidableDueDate = (
  terms: PaymentTerms,
  decision: Extract<DueDateDecision, { kind: 'undecidable' }>,
  customerName: string,
): string =>
  `Payment terms ${terms.number} "${terms.name}" (type ${terms.type}) need a due date, and ${
    decision.invoiceDueDate === 'missing'
      ? 'an invoice has none'
      : 'an invoice’s due date is before its invoice date'
  } and no defaultDaysOfCredit is set on the e-conomic integration: ${customerName}`;
