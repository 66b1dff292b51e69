import { DANISH_TIME_ZONE, localDate, startOfLocalDate } from '../invoice/calendar.ts';
import { dayNumber, daysInclusive, isoDateOfDay } from './iso-date.ts';

/**
 * The billing period of the monthly close: one calendar month, as the resellers' books count it
 * (Danish time). The schedule fires at 02:00 Copenhagen time on the 1st and closes the month that
 * just ended.
 */
export interface BillingPeriod {
  /** YYYY-MM */
  readonly month: string;
  /** YYYY-MM-01 */
  readonly first: string;
  /** The month's last day, YYYY-MM-DD. */
  readonly last: string;
  /** The number of days in the month, 28-31. */
  readonly days: number;
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** Whether a value has a month's form (YYYY-MM); parsePeriod still refuses a month 13. */
export const isMonthForm = (value: unknown): value is string =>
  typeof value === 'string' && MONTH.test(value);

/** The period of a month given as YYYY-MM ('2026-10'). Throws a RangeError on anything else. */
export const parsePeriod = (month: string): BillingPeriod => {
  const match = MONTH.exec(month);
  const monthNumber = Number(match?.[2]);
  if (!match || monthNumber < 1 || monthNumber > 12) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  const first = `${month}-01`;
  // The day before the first of the next month; month arithmetic stays in whole months (addMonths).
  const last = isoDateOfDay(dayNumber(`${addMonths(month, 1)}-01`) - 1);
  return { month, first, last, days: daysInclusive(first, last) };
};

/** A month (YYYY-MM) moved by a number of months, forwards or backwards: addMonths('2026-11', 3) = '2027-02'. */
export const addMonths = (month: string, count: number): string => {
  const index = monthIndex(month) + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
};

/** How many months `to` lies after `from` (both YYYY-MM, or dates of which the month is taken). */
export const monthsBetween = (from: string, to: string): number =>
  monthIndex(to.slice(0, 7)) - monthIndex(from.slice(0, 7));

/** Months since year 0: a plain integer, so that month arithmetic needs no Date. */
const monthIndex = (month: string): number => {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
};

/**
 * The month that ended before the scheduled instant, in Copenhagen time: the event of 02:00 on
 * 1 December (01:00Z) closes November. The month before the one the instant falls in, so a retry
 * later the same day (or a late run on the 15th) still closes November, and an invocation exactly
 * at midnight of the 1st closes the month that has just ended.
 */
export const closedPeriod = (scheduledTime: Date): BillingPeriod =>
  parsePeriod(addMonths(localDate(scheduledTime, DANISH_TIME_ZONE).slice(0, 7), -1));

/**
 * The instant the period ends: midnight in Copenhagen at the start of the 1st of the next month.
 * It is the period invoice's date, and what came onto the current invoice after it belongs to the
 * next close.
 */
export const periodEnd = (period: BillingPeriod): Date =>
  startOfLocalDate(`${addMonths(period.month, 1)}-01`, DANISH_TIME_ZONE);

/**
 * The Danish calendar date the month's period invoices carry (the day `periodEnd` starts), which
 * is also the `invoiceDate` an export of them names: October 2026 → '2026-11-01'.
 */
export const periodInvoiceDate = (month: string): string => `${addMonths(month, 1)}-01`;
