/**
 * Export saga, on failure in its batches: one batch's drafts deleted again (the CompensateBatches
 * state maps this over the export's batches, as MarkBatches maps the marks), then CompensateExport
 * fails the job (./compensate-export.ts).
 *
 * Why per batch: deleting is slow where the accounting system is. A Uniconta deletion is six
 * calls (read, check, delete lines and order, confirm) at the adapter's per-second cap, so the
 * drafts of a 1,000-invoice export take ~20 minutes of calls: far past one invocation's timeout,
 * and past what its retries could finish. A batch is a few hundred drafts at most.
 *
 * Why it stops on its own: an invocation killed at its timeout leaves a deletion half done and its
 * retry waits out a backoff. Instead no deletion starts once less than `stopStartingWithinMs` of
 * the invocation is left; it answers how many are left, and the saga calls it again for the same
 * batch. Progress is the ledger's, so a call again (or a retry) continues where it stopped.
 */

import type { Clock } from '#app/ports/clock';
import type { ExportJobStore, ExportLedgerStore } from '#app/ports/export-store';
import { ownerOfJob } from '#domain/export-job';
import { deleteOpenDrafts, deletionsInFlight, isOpen } from './compensate-export.ts';
import { type CountCallsPorts, countAccountingCalls } from './count-accounting-calls.ts';
import type { ExportAccounting } from './export-accounting.ts';
import { type BatchInput, requireJobAndBatch } from './saga.ts';

/**
 * Time an invocation keeps for the deletions under way when it stops starting new ones: six
 * Uniconta calls each at 5 a second shared by six deletions, with a retried 429 or 503 on top.
 */
export const stopStartingWithinMs = 60_000;

export interface CompensateExportBatchPorts extends CountCallsPorts {
  readonly exports: Pick<ExportJobStore, 'getExportJob' | 'updateExportJob'> &
    Pick<ExportLedgerStore, 'getExportBatch' | 'getLedgerEntries' | 'recordLedger'>;
  readonly accountingFor: ExportAccounting;
  readonly clock: Clock;
}

export const compensateExportBatch = async (
  ports: CompensateExportBatchPorts,
  input: BatchInput,
  remainingMs: () => number,
): Promise<{ deleted: number; left: number }> => {
  const { exports, accountingFor } = ports;
  const { job, batch } = await requireJobAndBatch(exports, input);
  // Shown at once: the export is being undone, whichever batch gets there first.
  if (job.status !== 'compensating')
    await exports.updateExportJob(job, ['queued', 'running'], { status: 'compensating' });
  const entries = await exports.getLedgerEntries(job.reseller, job.id, batch.invoices);
  const open = batch.invoices.flatMap((invoice) => {
    const entry = entries.get(invoice);
    return entry && isOpen(entry) ? [entry] : [];
  });
  if (open.length === 0) return { deleted: 0, left: 0 };

  const accounting = await accountingFor(job);
  // However little time is left, the first deletions start: every invocation makes progress.
  let started = 0;
  const mayStart = () => started++ < deletionsInFlight || remainingMs() > stopStartingWithinMs;
  try {
    const { left } = await deleteOpenDrafts(ports, job, open, accounting, mayStart);
    return { deleted: open.length - left, left };
  } finally {
    await countAccountingCalls(ports, ownerOfJob(job), accounting);
  }
};
