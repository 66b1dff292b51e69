/**
 * Booking sync for one integration: what became of the drafts Faktura exported (booked, paid,
 * deleted by hand), written onto the invoices (#domain/booking-sync), and the run recorded for
 * `GET /integration/{system}/sync`.
 *
 * Whose books: a reseller's integration holds the reseller's invoices to its customers (and their
 * external-licence documents); the platform's integration holds the platform's bills to the
 * resellers (adminMode exports), of every reseller's invoices, so its drafts are looked for across
 * all resellers and matched against the platform's books at once.
 *
 * Why it reads invoice headers of recent months and not every draft ever made: a draft is booked
 * within days of its month's close, and paid within its terms; an invoice dated more than
 * `monthsBack` months back is no longer followed (a setting of the run, 3 by default). The reads of
 * the accounting system are a few paged calls whatever the number of drafts
 * (`AccountingPort.readBookings`), counted in Uniconta's daily allowance like an export's; a run
 * that would not fit in what is left of today is not made, and says so.
 *
 * An invoice changes once: each write is conditioned on the header as read, so two syncs at once,
 * or a sync and a new export, never change an invoice twice; what moved on is left to the next run.
 */

import type { Clock } from '#app/ports/clock';
import type { AccountingCallCounter } from '#app/ports/export-store';
import type { Counters, Log } from '#app/ports/observability';
import {
  BookingChangedMeanwhile,
  type BookingChangeWrite,
  bookingStateOf,
  type ExportableInvoiceHeader,
  exportSummaryOf,
  type Page,
} from '#app/ports/store';
import { whyUnusable } from '#domain/accounting-refusals';
import { type BookingSyncRun, bookingChange, type ExportedDraft, matchBookings } from '#domain/booking-sync';
import { draftReference, type ExportTarget, isInvoiceProper, marksInBooks } from '#domain/export-job';
import { type AccountingSystemName, type IntegrationOwner, systemLabels } from '#domain/integration';
import { localDate, startOfLocalDate } from '#domain/invoice/calendar';
import type { Reseller } from '#domain/reseller';
import { unicontaCallDay, unicontaDailyCallAllowance } from '#domain/uniconta-allowance';
import { forEachBounded } from '../bounded.ts';
import { countAccountingCalls } from '../exports/count-accounting-calls.ts';
import {
  type OpenedIntegration,
  type OpenIntegrationPorts,
  openIntegration,
} from '../integrations/open-integration.ts';

/** Months of invoices followed, counting back from the current one. */
export const defaultMonthsBack = 3;

/** Invoice writes at once: each is one small transaction. */
const writesAtOnce = 8;

/** The platform's books: resellers whose invoices are read at once, and per page of the list. */
const resellersAtOnce = 4;
const resellersPerPage = 100;

/** At most this many unmatched bookings are kept on the run (an item has a size limit); the count says the rest. */
const unmatchedKept = 50;

/** The latest invoice date there can be: the index's upper bound when there is none. */
const latest = '9999-12-31T23:59:59.999Z';

/** Uniconta: the calls one run makes (orders, invoices, open items). */
const unicontaCallsPerRun = 3;

export interface SyncBookingsPorts extends OpenIntegrationPorts {
  readonly resellers: {
    listResellers(limit: number, cursor?: string): Promise<Page<Reseller>>;
  };
  readonly invoices: {
    invoiceHeadersInPeriod(reseller: string, from: string, to: string): Promise<ExportableInvoiceHeader[]>;
  };
  readonly bookings: {
    applyBookingChange(write: BookingChangeWrite): Promise<void>;
    saveBookingSyncRun(run: BookingSyncRun): Promise<void>;
  };
  readonly accountingCalls: AccountingCallCounter;
  readonly clock: Clock;
  readonly counters: Counters;
  readonly log: Log;
}

export interface SyncBookingsInput {
  readonly owner: IntegrationOwner;
  readonly system: AccountingSystemName;
  readonly monthsBack?: number;
}

/** The run, or undefined when the reseller has no such integration. */
export const syncBookings = async (
  ports: SyncBookingsPorts,
  { owner, system, monthsBack = defaultMonthsBack }: SyncBookingsInput,
): Promise<BookingSyncRun | undefined> => {
  const at = ports.clock.now().toISOString();
  const run = (fields: Partial<BookingSyncRun>): BookingSyncRun => ({
    owner,
    system,
    at,
    drafts: 0,
    found: 0,
    updated: 0,
    deleted: 0,
    unmatched: [],
    errors: [],
    ...fields,
  });
  const finish = async (result: BookingSyncRun) => {
    await ports.bookings.saveBookingSyncRun(result);
    if (result.errors.length > 0) ports.counters.count('BookingSyncErrors', result.errors.length);
    return result;
  };

  let opened: OpenedIntegration | undefined;
  try {
    opened = await openIntegration(ports, owner, system);
  } catch (error) {
    return finish(
      run({
        errors: [`The ${systemLabels[system]} integration is not usable: ${whyUnusable(system, error)}`],
      }),
    );
  }
  if (!opened) return undefined;

  const drafts = await exportedDrafts(ports, owner, system, monthsBack);
  if (drafts.length === 0) return finish(run({}));

  if (system === 'uniconta') {
    const day = unicontaCallDay(ports.clock.now());
    const used = await ports.accountingCalls.addAccountingCalls(owner, system, day, 0);
    const allowance = opened.settings.dailyCallAllowance ?? unicontaDailyCallAllowance;
    if (used + unicontaCallsPerRun > allowance)
      return finish(
        run({
          drafts: drafts.length,
          errors: [
            `Not run: ${used} of today's ${allowance} Uniconta calls are used (${day}, Danish time); the next run tries again`,
          ],
        }),
      );
  }

  let seen: Awaited<ReturnType<typeof opened.accounting.readBookings>>;
  try {
    const since = drafts.map((draft) => draft.invoiceDay).sort()[0]!;
    seen = await opened.accounting.readBookings(since);
  } catch (error) {
    ports.log.warn('Booking sync could not read the accounting system', { owner, system, error });
    return finish(run({ drafts: drafts.length, errors: [whyUnusable(system, error)] }));
  } finally {
    await countAccountingCalls(ports, owner, opened.accounting);
  }

  const { fates, unmatched } = matchBookings(drafts, seen);
  let updated = 0;
  let deleted = 0;
  const errors: string[] = [];
  await forEachBounded(drafts, writesAtOnce, async (draft) => {
    const fate = fates.get(draft.reference);
    const change = fate && bookingChange(system, draft.state, draft, fate, at, draft.target);
    if (!change) return;
    try {
      await ports.bookings.applyBookingChange({
        reseller: draft.reseller,
        invoice: draft.invoice,
        markKey: draft.markKey,
        draft: { exportId: draft.exportId, draftNumber: draft.draftNumber },
        change,
        at,
      });
      updated += 1;
      if (change.reopenExport) deleted += 1;
    } catch (error) {
      if (!(error instanceof BookingChangedMeanwhile)) throw error;
      if (error.reason === 'number-taken') errors.push(`Invoice ${draft.invoice}: ${error.message}`);
      // 'changed': another run or an export got there first; the next run sees the new state.
    }
  });
  const found = [...fates.values()].filter((fate) => fate.kind === 'booked').length;
  return finish(
    run({
      drafts: drafts.length,
      found,
      updated,
      deleted,
      unmatched: unmatched.slice(0, unmatchedKept).map(({ invoiceNumber, reference }) => ({
        invoiceNumber,
        ...(reference === undefined ? {} : { reference }),
      })),
      errors: [
        ...errors,
        ...(unmatched.length > unmatchedKept
          ? [`${unmatched.length - unmatchedKept} more unmatched not listed`]
          : []),
      ],
    }),
  );
};

type FollowedDraft = ExportedDraft & {
  readonly reseller: string;
  /** Which bill the draft is (#domain/export-job exportMarkKey), and so what its booking changes. */
  readonly markKey: string;
  readonly target: ExportTarget;
  readonly exportId: string;
  readonly invoiceDay: string;
  readonly state: ReturnType<typeof bookingStateOf>;
};

/**
 * The drafts of the last months in the owner's books, not yet booked and paid: a reseller's own
 * invoices (and their external-licence documents), or for the platform, its bills to every reseller.
 */
const exportedDrafts = async (
  ports: Pick<SyncBookingsPorts, 'invoices' | 'resellers' | 'clock'>,
  owner: IntegrationOwner,
  system: AccountingSystemName,
  monthsBack: number,
): Promise<FollowedDraft[]> => {
  const today = localDate(ports.clock.now());
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = startOfLocalDate(
    new Date(Date.UTC(year, month - 1 - monthsBack, 1)).toISOString().slice(0, 10),
  ).toISOString();
  const marks = marksInBooks(system, owner.kind === 'platform');
  const draftsOf = async (reseller: string): Promise<FollowedDraft[]> =>
    // No upper bound: an invoice dated ahead (a period invoice made early, say) is exported all the same.
    (await ports.invoices.invoiceHeadersInPeriod(reseller, first, latest)).flatMap((header) =>
      marks.flatMap(({ markKey, target }) => {
        const summary = exportSummaryOf(header, markKey);
        if (!summary?.exportId || !summary.draftNumber) return [];
        const state = bookingStateOf(header, markKey);
        const paid = isInvoiceProper(target) ? state.paid : state.bookedPaid;
        if (state.bookedAs !== undefined && paid) return [];
        return [
          {
            reseller,
            invoice: header.id,
            markKey,
            target,
            reference: draftReference(summary.exportId, header.id),
            draftNumber: summary.draftNumber,
            exportId: summary.exportId,
            invoiceDay: localDate(new Date(header.invoiceDate)),
            state,
          },
        ];
      }),
    );
  if (owner.kind === 'reseller') return draftsOf(owner.reseller);
  const drafts: FollowedDraft[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.resellers.listResellers(resellersPerPage, cursor);
    await forEachBounded(page.items, resellersAtOnce, async (reseller) => {
      drafts.push(...(await draftsOf(reseller.id)));
    });
    cursor = page.cursor;
  } while (cursor);
  return drafts;
};
