/**
 * Export saga, one batch: a draft order per invoice, each recorded in the ledger before and after
 * it is made. A batch that is retried (throttling, a crash, a timeout) skips what the ledger shows
 * as created, and for an attempt whose outcome is unknown it looks the draft up by our reference
 * before creating, so no invoice ever gets two drafts. Drafts are made only while the export is
 * running: once it is being compensated (another batch failed, and this invocation runs on), the
 * batch stops, and takes away a draft it made meanwhile. Errors keep their names: throttling and
 * unavailability are retried by the state machine, anything else fails the export and compensates.
 */

import type { DraftOrderOf } from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type {
  CustomerReader,
  ExportJobStore,
  ExportLedgerStore,
  InvoiceReader,
  ResellerReader,
} from '#app/ports/export-store';
import type { Counters } from '#app/ports/observability';
import {
  AccountingRejected,
  AccountingThrottled,
  isRetryableAccountingError,
} from '#domain/accounting-failures';
import { exportFailureReason } from '#domain/accounting-refusals';
import type { Customer } from '#domain/customer';
import { draftReference, exportPriceColumn, type LedgerEntry } from '#domain/export-job';
import { forEachBounded } from '../bounded.ts';
import type { ExportAccounting } from './export-accounting.ts';
import { requireJob, type SagaInput } from './saga.ts';

/**
 * Drafts made at once within a batch (times the saga's Map concurrency for the export). A draft
 * costs one accounting call but several DynamoDB round trips (invoice, ledger before and after):
 * made one after another, a lane spends more time on those than on the call, and an export could
 * not use the rate the accounting system allows. The adapter's pacer is shared by the lanes.
 */
const draftsInFlight = 4;

export class ExportBatchMissing extends Error {
  public override readonly name = 'ExportBatchMissing';
}

/** The export is no longer running (it is being compensated, or is over): no more drafts for it. */
export class ExportNoLongerRunning extends Error {
  public override readonly name = 'ExportNoLongerRunning';
}

export interface ExportBatchPorts {
  readonly exports: ExportJobStore & ExportLedgerStore;
  readonly invoices: InvoiceReader;
  readonly customers: CustomerReader;
  readonly resellers: ResellerReader;
  readonly accountingFor: ExportAccounting;
  readonly draftOrderOf: DraftOrderOf;
  readonly clock: Clock;
  readonly counters: Counters;
}

export const runExportBatch = async (
  ports: ExportBatchPorts,
  input: SagaInput & { readonly batch: number },
): Promise<{ created: number }> => {
  const { exports, clock, counters } = ports;
  const job = await requireJob(exports, input);
  const batch = await exports.getExportBatch(job.reseller, job.id, input.batch);
  if (!batch) throw new ExportBatchMissing(`Export ${job.id} has no batch ${input.batch}`);
  const accounting = await ports.accountingFor(job);
  // Strongly consistent: a retry must see what the attempt before it recorded, or it would create again.
  const ledger = await exports.getLedgerEntries(job.reseller, job.id, batch.invoices);
  const { adminMode } = job.options;
  const reseller = adminMode ? await ports.resellers.getReseller(job.reseller) : undefined;
  const customers = new Map<string, Promise<Customer | undefined>>();
  const customerOf = (id: string) => {
    if (!customers.has(id)) customers.set(id, ports.customers.getCustomer(job.reseller, id));
    return customers.get(id)!;
  };
  const now = () => clock.now().toISOString();
  let created = 0;

  await forEachBounded(batch.invoices, draftsInFlight, async (invoiceId) => {
    const entry = ledger.get(invoiceId);
    if (entry?.state === 'created') return;
    const stored = await ports.invoices.getInvoice(job.reseller, invoiceId);
    if (!stored) throw new AccountingRejected(`Invoice ${invoiceId} no longer exists`, 404);
    const { invoice } = stored;
    const customerNumber = adminMode
      ? reseller?.finance.accountingSystemId
      : (await customerOf(invoice.customer))?.finance.accountingSystemId;
    const reference = draftReference(job.id, invoiceId);
    try {
      if (!customerNumber)
        throw new AccountingRejected(`Invoice ${invoiceId}: the customer has no accounting system ID`, 422);
      const order = ports.draftOrderOf(invoice, {
        reference,
        customerNumber,
        priceColumn: exportPriceColumn(adminMode),
        groupInvoiceLines: job.options.groupInvoiceLines,
        externalLicenses: job.options.externalLicenses,
        ...(job.options.layout === undefined ? {} : { layoutNumber: job.options.layout }),
      });
      // The intent first: should this step die after the draft exists, the compensation (or the
      // retry) knows to look for it by its reference. Written only while the export runs (also
      // when an earlier attempt wrote it): after that, the compensation may have read the ledger.
      const intent: LedgerEntry = {
        invoice: invoiceId,
        reference,
        state: 'creating',
        at: entry?.at ?? now(),
      };
      if (!(await exports.recordLedgerWhileRunning(job, intent)))
        throw new ExportNoLongerRunning(`Export ${job.id} is no longer running; ${invoiceId} not exported`);
      const draft = await accounting.createDraft(order, reference, { firstAttempt: !entry });
      const made: LedgerEntry = {
        invoice: invoiceId,
        reference,
        state: 'created',
        draftNumber: draft.number,
        at: now(),
      };
      if (!(await exports.recordLedgerWhileRunning(job, made))) {
        // The compensation began while this draft was being made, and may have looked for it
        // before it existed: it is this batch's to take away.
        const outcome = await accounting.deleteDraft(draft, `${reference}:delete`);
        await exports.recordLedger(job.reseller, job.id, { ...made, state: outcome, at: now() });
        throw new ExportNoLongerRunning(`Export ${job.id} stopped running while ${invoiceId} was exported`);
      }
      created += 1;
      counters.count('DraftsCreated');
    } catch (error) {
      if (error instanceof AccountingThrottled) counters.count('AccountingThrottled');
      if (!isRetryableAccountingError(error)) {
        await exports.updateExportJob(job, ['running'], {
          status: 'running',
          failure: { reason: exportFailureReason(job.system, error), invoice: invoiceId },
        });
      }
      throw error;
    }
  });
  return { created };
};
