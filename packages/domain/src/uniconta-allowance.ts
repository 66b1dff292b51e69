/**
 * Uniconta's daily call allowance (docs/contracts/uniconta.md §6): Uniconta counts the calls of a
 * user per day, 5,000 on a standard plan (up to 75,000 more can be bought), and resets the count at
 * midnight. Faktura counts the calls it makes per integration and day (the saga's steps add theirs,
 * packages/app/src/exports/count-accounting-calls.ts), and an export that would not fit in what is
 * left of today is refused before it starts (`uniconta.allowance`), not left to run into the limit
 * halfway.
 */
import type { ExportProblem } from './export-checks.ts';
import { exportBatchSize } from './export-job.ts';
import { localDate } from './invoice/calendar.ts';

/**
 * Calls a day on a standard plan: the allowance of an integration whose settings name none
 * (`dailyCallAllowance`, for an agreement that bought more).
 */
export const unicontaDailyCallAllowance = 5_000;

/** The most a user can have: the standard 5,000 and the 75,000 Uniconta sells on top. */
export const maxDailyCallAllowance = 80_000;

/** A sales order: `Insert/DebtorOrderClient`, then one `InsertList/DebtorOrderLineClient` (adapter.ts). */
export const unicontaCallsPerDraft = 2;

/**
 * The VAT tables (codes, item groups, items, debtors) an export's adapter reads once, before its
 * first order's amounts are checked (packages/accounting/src/uniconta/vat-book.ts). Each saga batch
 * may run in an environment of its own, so an export counts them once per batch.
 */
export const unicontaVatTableReads = 4;

/**
 * The calls an export of `invoices` invoices makes when all goes well: one order per invoice, and
 * the VAT tables once per batch. The master data is read by the request, whose calls are in today's
 * count before it is compared. No reserve for a
 * compensation (about 5 calls per draft): past its allowance Uniconta slows a user down but does
 * not refuse (§6), so a compensation still completes, and reserving for it would refuse most
 * month-ends (7 calls per invoice) for a case that is rare.
 */
export const unicontaCallsNeeded = (invoices: number): number =>
  unicontaCallsPerDraft * invoices +
  (invoices === 0 ? 0 : unicontaVatTableReads * Math.ceil(invoices / exportBatchSize(invoices)));

/**
 * The day Uniconta counts a call in: its date in Danish time. Uniconta is a Danish service whose
 * agreements are Danish companies, and "resets at midnight" can only mean its own midnight; the
 * invoices' dates are Danish days too (#domain/invoice/calendar).
 */
export const unicontaCallDay = (at: Date): string => localDate(at);

export interface AllowanceFigures {
  /** The calls the export needs (unicontaCallsNeeded). */
  readonly needed: number;
  /** The calls counted today, the request's own checks included. */
  readonly usedToday: number;
  readonly allowance: number;
  /** allowance − usedToday, never below 0. */
  readonly remaining: number;
}

export const allowanceFigures = (needed: number, usedToday: number, allowance: number): AllowanceFigures => ({
  needed,
  usedToday,
  allowance,
  remaining: Math.max(0, allowance - usedToday),
});

const figure = (count: number): string => count.toLocaleString('en-US');

/** The `uniconta.allowance` problem when the export needs more calls than remain today, else undefined. */
export const allowanceProblem = (figures: AllowanceFigures, day: string): ExportProblem | undefined =>
  figures.needed <= figures.remaining
    ? undefined
    : {
        key: 'uniconta.allowance',
        description: `The export needs ${figure(figures.needed)} Uniconta calls, and ${figure(figures.remaining)} of today's allowance of ${figure(figures.allowance)} remain (${figure(figures.usedToday)} used on ${day}, Danish time); Uniconta's count starts again at midnight`,
      };
