/**
 * Export saga, one batch: a draft order per invoice, each recorded in the ledger before and after
 * it is made. A batch that is retried (throttling, a crash, a timeout) skips what the ledger shows
 * as created, and for an attempt whose outcome is unknown it looks the draft up by our reference
 * before creating, so no invoice ever gets two drafts. Drafts are made only while the export is
 * running: once it is being compensated (another batch failed, and this invocation runs on), the
 * batch stops, and takes away a draft it made meanwhile. Errors keep their names: throttling and
 * unavailability are retried by the state machine, anything else fails the export and compensates.
 */
import { AccountingRejected } from '#accounting/errors';
import { draftOrderFromInvoice } from '#accounting/mapping';
import type { Customer } from '#domain/customer';
import { draftReference, type LedgerEntry } from '#domain/export-job';
import { forEachBounded } from '#lambda/bounded';
import { metrics } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { customerStore, exportStore, invoiceStore, resellerStore } from '#wiring/store';
import { exportFailureReason } from '../commons/accounting-refusals.ts';
import { accountingFor } from './saga-accounting.ts';
import { requireJob, type SagaInput } from './saga-context.ts';

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

export const handler = workerHandler(
  async (input: SagaInput & { batch: number }): Promise<{ created: number }> => {
    const job = await requireJob(input);
    const batch = await exportStore.getExportBatch(job.reseller, job.id, input.batch);
    if (!batch) throw new ExportBatchMissing(`Export ${job.id} has no batch ${input.batch}`);
    const accounting = await accountingFor(job);
    // Strongly consistent: a retry must see what the attempt before it recorded, or it would create again.
    const ledger = await exportStore.getLedgerEntries(job.reseller, job.id, batch.invoices);
    const reseller = job.options.adminMode ? await resellerStore.getReseller(job.reseller) : undefined;
    const customers = new Map<string, Promise<Customer | undefined>>();
    const customerOf = (id: string) => {
      if (!customers.has(id)) customers.set(id, customerStore.getCustomer(job.reseller, id));
      return customers.get(id)!;
    };
    let created = 0;

    await forEachBounded(batch.invoices, draftsInFlight, async (invoiceId) => {
      const entry = ledger.get(invoiceId);
      if (entry?.state === 'created') return;
      const stored = await invoiceStore.getInvoice(job.reseller, invoiceId);
      if (!stored) throw new AccountingRejected(`Invoice ${invoiceId} no longer exists`, 404);
      const { invoice } = stored;
      const customerNumber = job.options.adminMode
        ? reseller?.finance.accountingSystemId
        : (await customerOf(invoice.customer))?.finance.accountingSystemId;
      const reference = draftReference(job.id, invoiceId);
      try {
        if (!customerNumber)
          throw new AccountingRejected(`Invoice ${invoiceId}: the customer has no accounting system ID`, 422);
        const order = draftOrderFromInvoice(invoice, {
          reference,
          customerNumber,
          priceColumn: job.options.adminMode ? 'wholesale' : 'price',
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
          at: entry?.at ?? new Date().toISOString(),
        };
        if (!(await exportStore.recordLedgerWhileRunning(job, intent)))
          throw new ExportNoLongerRunning(`Export ${job.id} is no longer running; ${invoiceId} not exported`);
        const draft = await accounting.createDraft(order, reference, { firstAttempt: !entry });
        const made: LedgerEntry = {
          invoice: invoiceId,
          reference,
          state: 'created',
          draftNumber: draft.number,
          at: new Date().toISOString(),
        };
        if (!(await exportStore.recordLedgerWhileRunning(job, made))) {
          // The compensation began while this draft was being made, and may have looked for it
          // before it existed: it is this batch's to take away.
          const outcome = await accounting.deleteDraft(draft, `${reference}:delete`);
          await exportStore.recordLedger(job.reseller, job.id, {
            ...made,
            state: outcome,
            at: new Date().toISOString(),
          });
          throw new ExportNoLongerRunning(`Export ${job.id} stopped running while ${invoiceId} was exported`);
        }
        created += 1;
        metrics.addMetric('DraftsCreated', 'Count', 1);
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'AccountingThrottled') metrics.addMetric('AccountingThrottled', 'Count', 1);
        if (name !== 'AccountingThrottled' && name !== 'AccountingUnavailable') {
          await exportStore.updateExportJob(job, ['running'], {
            status: 'running',
            failure: { reason: exportFailureReason(job.system, error), invoice: invoiceId },
          });
        }
        throw error;
      }
    });
    return { created };
  },
);
