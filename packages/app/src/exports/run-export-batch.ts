/**
 * Export saga, one batch: a draft order per invoice, each recorded in the ledger before and after
 * it is made. A batch that is retried (throttling, a crash, a timeout) skips what the ledger shows
 * as created, and for an attempt whose outcome is unknown it looks the draft up by our reference
 * before creating, so no invoice ever gets two drafts. Drafts are made only while the export is
 * running: once it is being compensated (another batch failed, and this invocation runs on), the
 * batch stops, and takes away the drafts it made meanwhile. Each draft's amounts, as the accounting
 * system answered them, must equal its invoice's (net, VAT, gross), or the export fails and is
 * compensated: books that differ from the invoice are worse than no books. Errors keep their names: throttling and
 * unavailability are retried by the state machine, anything else fails the export and compensates.
 *
 * Why in groups: the batch works through its invoices a group at a time: the group's invoices and
 * customers read together, its intents written in one transaction, its drafts made, and what was
 * made written in one transaction. An invoice one at a time cost about three DynamoDB round trips;
 * a group of 50 costs five. The price of the group is small and bounded: after a crash, the drafts
 * of at most four groups (the ones under way) are looked up by reference instead of skipped, and a
 * compensation looks up at most four groups' intents per batch that was running.
 */

import pLimit, { type LimitFunction } from 'p-limit';
import type { AccountingPort, DraftOrderOf } from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type {
  CustomersReader,
  ExportSagaStore,
  InvoicesReader,
  ResellerReader,
} from '#app/ports/export-store';
import type { Counters } from '#app/ports/observability';
import type { StoredInvoice } from '#app/ports/store';
import {
  AccountingRejected,
  AccountingThrottled,
  isRetryableAccountingError,
} from '#domain/accounting-failures';
import { exportFailureReason } from '#domain/accounting-refusals';
import type { Customer } from '#domain/customer';
import { draftTotalsDifference } from '#domain/draft-totals';
import {
  draftReference,
  type ExportJob,
  exportPriceColumn,
  type LedgerEntry,
  ownerOfJob,
  toBatches,
} from '#domain/export-job';
import { forEachBounded } from '../bounded.ts';
import { type CountCallsPorts, countAccountingCalls } from './count-accounting-calls.ts';
import type { ExportAccounting } from './export-accounting.ts';
import { type BatchInput, requireJobAndBatch } from './saga.ts';

/**
 * Drafts in flight at once in a batch (times the saga's Map concurrency for the export), and the
 * groups under way at once that feed them. By Little's law a lane sends at most
 * `calls in flight ÷ answer time`. e-conomic's measured bucket (docs/contracts/economic.md §8)
 * starts full at 10,000 tokens and refills 10,000 a minute: at 150 ms an answer (some 200 ms by
 * the time a call is sent, answered and read) the refill alone takes about 33 calls in flight over
 * the saga's two lanes, and a month-end export can spend most of the full bucket on top of it.
 * With 24 a lane and three groups, the lanes of a 20,000-invoice export ran at the refill rate
 * (~175 a second) and never used the bucket's start (docs/performance.md, section 9); 32
 * and four groups run them at ~230 a second until the export is done, still under the pacer's
 * reserve. The pool costs nothing where the limit is tighter: the adapter's pacer (or its
 * per-second cap) holds every call the limit cannot take yet, in the order they asked. The groups
 * share the pool, so that while one group reads, records its intents or records what it made, the
 * others keep the pool full (with three, the pool of a 223-invoice batch often ran short).
 */
const draftsInFlight = 32;
const groupsAtOnce = 4;

/** Invoices read, recorded and exported together (see the module's why); 50 keeps a group's reads to one BatchGetItem. */
export const invoicesPerGroup = 50;

/** The export is no longer running (it is being compensated, or is over): no more drafts for it. */
export class ExportNoLongerRunning extends Error {
  public override readonly name = 'ExportNoLongerRunning';
}

export interface ExportBatchPorts extends CountCallsPorts {
  readonly exports: ExportSagaStore;
  readonly invoices: InvoicesReader;
  readonly customers: CustomersReader;
  readonly resellers: ResellerReader;
  readonly accountingFor: ExportAccounting;
  readonly draftOrderOf: DraftOrderOf;
  readonly clock: Clock;
  readonly counters: Counters;
}

export const runExportBatch = async (
  ports: ExportBatchPorts,
  input: BatchInput,
): Promise<{ created: number }> => {
  const { exports } = ports;
  const { job, batch } = await requireJobAndBatch(exports, input);
  // Side by side: each needs only the job and the batch, and the first draft waits on all of them.
  const [accounting, customerNumberOf, ledger] = await Promise.all([
    ports.accountingFor(job),
    customerNumbers(ports, job),
    // Strongly consistent: a retry must see what the attempt before it recorded, or it would create again.
    exports.getLedgerEntries(job.reseller, job.id, batch.invoices),
  ]);
  const toExport = batch.invoices.filter((invoice) => ledger.get(invoice)?.state !== 'created');
  const draftSlots = pLimit(draftsInFlight);
  const failedForGood: FailedForGood = {};
  let created = 0;
  try {
    await forEachBounded(toBatches(toExport, invoicesPerGroup), groupsAtOnce, async (group) => {
      // Read after the await: `created += await …` would add to the count as it was before the other group's.
      const made = await exportGroup(
        { ...ports, accounting, customerNumberOf, draftSlots, failedForGood },
        job,
        group,
        ledger,
      );
      created += made;
    });
  } catch (error) {
    // Another group may have stopped first, for this failure: the failure is what the saga sees.
    throw error instanceof StoppedByAnotherDraft ? error.failure : error;
  } finally {
    await countAccountingCalls(ports, ownerOfJob(job), accounting);
  }
  return { created };
};

type CustomerNumberOf = (
  invoices: readonly StoredInvoice[],
) => Promise<(invoice: StoredInvoice) => string | undefined>;

/**
 * The accounting customer number each invoice's draft goes to: in adminMode the reseller's own (the
 * platform bills the reseller), else the invoice's customer's, read for a group's new customers at
 * once and kept for the batch.
 */
const customerNumbers = async (
  ports: Pick<ExportBatchPorts, 'customers' | 'resellers'>,
  job: ExportJob,
): Promise<CustomerNumberOf> => {
  if (job.options.adminMode) {
    const number = (await ports.resellers.getReseller(job.reseller))?.finance.accountingSystemId;
    return async () => () => number;
  }
  // Promises, not customers: the groups under way at once read a customer they share once.
  const known = new Map<string, Promise<Customer | undefined>>();
  return async (invoices) => {
    const ids = [...new Set(invoices.map(({ invoice }) => invoice.customer))];
    const unread = ids.filter((id) => !known.has(id));
    if (unread.length > 0) {
      const found = ports.customers.getCustomers(job.reseller, unread);
      for (const id of unread)
        known.set(
          id,
          found.then((customers) => customers.get(id)),
        );
    }
    const customers = new Map(await Promise.all(ids.map(async (id) => [id, await known.get(id)] as const)));
    return ({ invoice }) => customers.get(invoice.customer)?.finance.accountingSystemId;
  };
};

/**
 * The batch's first permanent failure, shared by its groups: once the export is failing, every
 * draft still to be sent would only be deleted again by the compensation, so none is sent, in any
 * group. A retryable failure stops nothing: the other groups' drafts are progress a retry keeps.
 */
interface FailedForGood {
  failure?: unknown;
}

/** A draft not sent because another draft of the batch failed for good. */
class StoppedByAnotherDraft extends Error {
  public override readonly name = 'StoppedByAnotherDraft';
  public constructor(public readonly failure: unknown) {
    super('Not sent: the export is failing');
  }
}

interface GroupPorts extends Omit<ExportBatchPorts, 'accountingFor'> {
  readonly accounting: AccountingPort;
  readonly customerNumberOf: CustomerNumberOf;
  /** The batch's drafts in flight, shared by its groups under way. */
  readonly draftSlots: LimitFunction;
  readonly failedForGood: FailedForGood;
}

/** One group: read, intents recorded, drafts made, drafts recorded (see the module's why). */
const exportGroup = async (
  ports: GroupPorts,
  job: ExportJob,
  group: readonly string[],
  ledger: ReadonlyMap<string, LedgerEntry>,
): Promise<number> => {
  const { exports, accounting, clock, counters } = ports;
  const now = () => clock.now().toISOString();
  const stored = await ports.invoices.getInvoices(job.reseller, group);
  const missing = group.find((invoiceId) => !stored.has(invoiceId));
  if (missing)
    await failExport(ports, job, missing, new AccountingRejected(`Invoice ${missing} no longer exists`, 404));
  const invoices = group.map((invoiceId) => stored.get(invoiceId)!);
  const customerNumberOf = await ports.customerNumberOf(invoices);
  const customerNumbers = invoices.map(customerNumberOf);
  const withoutNumber = invoices.find((_, index) => !customerNumbers[index]);
  if (withoutNumber) {
    const { id } = withoutNumber.invoice;
    await failExport(
      ports,
      job,
      id,
      new AccountingRejected(`Invoice ${id}: the customer has no accounting system ID`, 422),
    );
  }

  await accounting.prepareCustomers?.(customerNumbers as string[]);

  // The intents first: should this step die after a draft exists, the compensation (or the retry)
  // knows to look for it by its reference. Written only while the export runs (also when an
  // earlier attempt wrote them): after that, the compensation may have read the ledger.
  const intents: LedgerEntry[] = group.map((invoice) => ({
    invoice,
    reference: draftReference(job.id, invoice),
    state: 'creating',
    at: ledger.get(invoice)?.at ?? now(),
  }));
  if (!(await exports.recordLedgerEntriesWhileRunning(job, intents)))
    throw new ExportNoLongerRunning(
      `Export ${job.id} is no longer running; ${group.length} invoices not exported`,
    );

  const made: LedgerEntry[] = [];
  let failure: unknown;
  try {
    // Two limits, one job each. `draftSlots` is the limit on calls: the batch's pool of creates in
    // flight, shared by the groups under way. forEachBounded is here only to stop at the group's
    // first failure: it hands the invoices to the pool one per lane, so that after a failure the
    // ones not yet handed over are never sent (and those waiting in the pool check `failedForGood`
    // when their turn comes). Its bound is the pool's size, so it never holds back a call the pool
    // would take: one group alone can fill the pool.
    await forEachBounded(invoices, draftsInFlight, async ({ invoice }) => {
      const reference = draftReference(job.id, invoice.id);
      const order = ports.draftOrderOf(invoice, {
        reference,
        customerNumber: customerNumberOf({ invoice })!,
        priceColumn: exportPriceColumn(job.options.adminMode),
        groupInvoiceLines: job.options.groupInvoiceLines,
        externalLicenses: job.options.externalLicenses,
        ...(job.options.layout === undefined ? {} : { layoutNumber: job.options.layout }),
      });
      const stopIfFailing = () => {
        if ('failure' in ports.failedForGood) throw new StoppedByAnotherDraft(ports.failedForGood.failure);
      };
      stopIfFailing();
      try {
        const draft = await ports.draftSlots(() => {
          // Checked again when its turn in the pool comes: the failure may have come while it waited.
          stopIfFailing();
          return accounting.createDraft(order, reference, { firstAttempt: !ledger.has(invoice.id) });
        });
        made.push({ invoice: invoice.id, reference, state: 'created', draftNumber: draft.number, at: now() });
        // Recorded first: a draft that disagrees with its invoice is taken away by the compensation.
        const differs = draftTotalsDifference(
          job.system,
          invoice.id,
          draft.number,
          order.totals,
          draft.totals,
        );
        if (differs) {
          counters.count('DraftTotalsDiffer');
          await failExport(ports, job, invoice.id, differs);
        }
      } catch (error) {
        if (error instanceof StoppedByAnotherDraft || error === ports.failedForGood.failure) throw error;
        if (error instanceof AccountingThrottled) counters.count('AccountingThrottled');
        if (!isRetryableAccountingError(error)) await failExport(ports, job, invoice.id, error);
        throw error;
      }
    });
  } catch (error) {
    failure = error;
  }
  // What was made is recorded also when the group failed part way, so a retry skips it and a
  // compensation finds it without looking it up.
  if (made.length > 0 && !(await exports.recordLedgerEntriesWhileRunning(job, made))) {
    // The compensation began while these drafts were being made, and may have looked for them
    // before they existed: they are this batch's to take away.
    for (const entry of made) {
      const outcome = await accounting.deleteDraft(
        { number: entry.draftNumber!, reference: entry.reference },
        `${entry.reference}:delete`,
      );
      await exports.recordLedger(job.reseller, job.id, { ...entry, state: outcome, at: now() });
    }
    throw new ExportNoLongerRunning(
      `Export ${job.id} stopped running while ${made.length} invoices were exported`,
    );
  }
  if (made.length > 0) counters.count('DraftsCreated', made.length);
  if (failure) throw failure;
  return made.length;
};

/**
 * A permanent failure: the batch sends no more drafts, and the failure is recorded on the job (why,
 * and which invoice) before the error fails the export.
 */
const failExport = async (
  { exports, failedForGood }: Pick<GroupPorts, 'exports' | 'failedForGood'>,
  job: ExportJob,
  invoice: string,
  error: unknown,
): Promise<never> => {
  failedForGood.failure ??= error;
  await exports.updateExportJob(job, ['running'], {
    status: 'running',
    failure: { reason: exportFailureReason(job.system, error), invoice },
  });
  throw error;
};
