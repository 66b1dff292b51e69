import { type CurrentItem, type Recurrence, recurrences } from '../current-item.ts';
import { DANISH_TIME_ZONE, localDate } from '../invoice/calendar.ts';
import { daysInclusive, earlier, isIsoDate, later } from './iso-date.ts';
import { addMonths, type BillingPeriod, monthsBetween, parsePeriod, periodEnd } from './period.ts';
import { prorateUnits } from './prorate.ts';

/**
 * What the monthly close does with one current item in one period. Pure: the rules only, no
 * product, no store. The rules and their reasons are written out in README.md (this folder).
 */

/** Why an item is not billed by this close. No item that is not billed is consumed. */
export const notBilledReasons = [
  /** Malformed data (dates, units, createdAt, recurrence); the close leaves it for a person. */
  'INVALID_ITEM',
  /** Put on the current invoice after the period ended: it belongs to the next close. */
  'CREATED_AFTER_PERIOD',
  /** Its `from` lies after the period. */
  'NOT_STARTED',
  /** A recurring item whose `to` lies before the period: nothing left to bill. */
  'ENDED',
  /** A quarterly or yearly item outside its billing months. */
  'NOT_ITS_MONTH',
  /** A share so small that it rounds to 0 units: a line of nothing is no line. */
  'PRORATED_TO_ZERO',
] as const;
export type NotBilledReason = (typeof notBilledReasons)[number];

export interface NotBilled {
  readonly billed: false;
  readonly reason: NotBilledReason;
  /** For people: what exactly, e.g. 'starts 2026-12-01, after 2026-11'. */
  readonly detail: string;
}

export interface Billed {
  readonly billed: true;
  /** The item's units × the share billed, exact (see prorate.ts); the item's units when not pro-rated. */
  readonly units: number;
  /** The dates the line covers: the part of the billing window billed (recurring), or the item's own (one-off). */
  readonly from?: string;
  readonly to?: string;
  /** Billed for less than the whole window. */
  readonly prorated: boolean;
  /** Take the item off the current invoice: a one-off item, or a recurring one billed for the last time. */
  readonly consume: boolean;
}

export type BillingDecision = Billed | NotBilled;

/**
 * The months of one recurrence period. The unit price of a recurring item is the price of this
 * period: a quarterly item's price is per quarter, a yearly one's per year.
 */
export const recurrenceMonths: Readonly<Record<Exclude<Recurrence, 'NONE'>, number>> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  YEARLY: 12,
};

const notBilled = (reason: NotBilledReason, detail: string): NotBilled => ({ billed: false, reason, detail });

/** Why the item cannot be judged at all, or undefined when its data is sound. */
const invalidity = (item: CurrentItem): string | undefined => {
  if (typeof item.units !== 'number' || !Number.isFinite(item.units))
    return `units ${item.units} is no number`;
  if (item.from !== undefined && !isIsoDate(item.from)) return `from ${item.from} is no date`;
  if (item.to !== undefined && !isIsoDate(item.to)) return `to ${item.to} is no date`;
  if (item.from !== undefined && item.to !== undefined && item.from > item.to) {
    return `from ${item.from} is after to ${item.to}`;
  }
  if (Number.isNaN(Date.parse(item.createdAt))) return `createdAt ${item.createdAt} is no instant`;
  if (!recurrences.includes(item.recurrence)) return `recurrence ${item.recurrence} is unknown`;
  return undefined;
};

/** Decides whether and how the close of `period` bills `item`. Never throws. */
export const billingDecision = (item: CurrentItem, period: BillingPeriod): BillingDecision => {
  const invalid = invalidity(item);
  if (invalid !== undefined) return notBilled('INVALID_ITEM', invalid);

  // The close bills the current invoice as it stood when the month ended. This also keeps a retried
  // or late close of November from picking up what was added in December.
  const end = periodEnd(period);
  if (Date.parse(item.createdAt) >= end.getTime()) {
    return notBilled('CREATED_AFTER_PERIOD', `created ${item.createdAt}, after ${period.month} ended`);
  }
  if (item.from !== undefined && item.from > period.last) {
    return notBilled('NOT_STARTED', `starts ${item.from}, after ${period.month}`);
  }

  // One-off: billed once, as it is, at the first close it is due. Its dates only describe it (a
  // usage charge for October added in November is billed in November), so no pro-rating.
  if (item.recurrence === 'NONE') {
    return {
      billed: true,
      units: item.units,
      ...(item.from === undefined ? {} : { from: item.from }),
      ...(item.to === undefined ? {} : { to: item.to }),
      prorated: false,
      consume: true,
    };
  }

  if (item.to !== undefined && item.to < period.first) {
    return notBilled('ENDED', `ended ${item.to}, before ${period.month}`);
  }

  // Billing months are counted from the month the item starts: its `from`, or, without one, the
  // Danish month in which it was put on the current invoice. The createdAt check above makes that
  // month no later than the period's, so the count is never negative.
  const months = recurrenceMonths[item.recurrence];
  const anchor = item.from ?? localDate(new Date(item.createdAt), DANISH_TIME_ZONE);
  if (monthsBetween(anchor, period.month) % months !== 0) {
    return notBilled('NOT_ITS_MONTH', `billed every ${months} months from ${anchor.slice(0, 7)}`);
  }

  // In its billing month an item is billed for the recurrence period that begins on the 1st of
  // that month (for MONTHLY: the closed month itself), or for the part of it the item covers.
  const windowFirst = period.first;
  const windowLast = parsePeriod(addMonths(period.month, months - 1)).last;
  const coveredFirst = item.from === undefined ? windowFirst : later(item.from, windowFirst);
  const coveredLast = item.to === undefined ? windowLast : earlier(item.to, windowLast);
  // Nothing remains to bill after a window that holds the item's last day.
  const consume = item.to !== undefined && item.to <= windowLast;

  // Full-month items are billed for every month they touch, in whole months; others by days.
  const [from, to, part, whole] = item.fullMonth
    ? [
        `${coveredFirst.slice(0, 7)}-01`,
        parsePeriod(coveredLast.slice(0, 7)).last,
        monthsBetween(coveredFirst, coveredLast) + 1,
        months,
      ]
    : [
        coveredFirst,
        coveredLast,
        daysInclusive(coveredFirst, coveredLast),
        daysInclusive(windowFirst, windowLast),
      ];

  const units = prorateUnits(item.units, part, whole);
  const prorated = part !== whole;
  if (prorated && units === 0) {
    return notBilled('PRORATED_TO_ZERO', `${item.units} units × ${part}/${whole} rounds to 0`);
  }
  return { billed: true, units, from, to, prorated, consume };
};
