/**
 * Export saga, on failure: deletes every draft the ledger holds for this export — after checking
 * that the draft still carries our reference, since accounting systems reuse order numbers — and
 * looks up by reference any draft whose creation was under way when the export failed. "Already
 * gone" counts as done. Each deletion is recorded, so a retried compensation picks up where it
 * stopped. Then the job is failed, with its reason, and its month is free again.
 *
 * When the export failed in its batches, the saga has already deleted them batch by batch
 * (CompensateBatches, ./compensate-export-batch.ts): this step finds nothing open and only fails
 * the job. It still deletes whatever is open, so that no path through the saga leaves a draft.
 */

import type { AccountingPort } from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type { ExportJobStore, ExportLedgerStore } from '#app/ports/export-store';
import type { Counters } from '#app/ports/observability';
import { sagaFailureReason } from '#domain/accounting-refusals';
import { type ExportJob, type LedgerEntry, ownerOfJob } from '#domain/export-job';
import { forEachBounded } from '../bounded.ts';
import { type CountCallsPorts, countAccountingCalls } from './count-accounting-calls.ts';
import type { ExportAccounting } from './export-accounting.ts';
import { requireJob, type SagaInput } from './saga.ts';

/**
 * Drafts deleted at once: deletions one after another, each a round trip or more to the
 * accounting system, would spend most of their time waiting; the adapter's pacer keeps them
 * within the system's rate all the same.
 */
export const deletionsInFlight = 6;

export interface CompensationInput extends SagaInput {
  /** The saga's error as Step Functions catches it. */
  readonly failure?: { readonly Error?: string; readonly Cause?: string };
}

export interface CompensateExportPorts extends CountCallsPorts {
  readonly exports: ExportJobStore & Pick<ExportLedgerStore, 'getLedger' | 'recordLedger'>;
  readonly accountingFor: ExportAccounting;
  readonly clock: Clock;
  readonly counters: Counters;
}

export const compensateExport = async (
  ports: CompensateExportPorts,
  input: CompensationInput,
): Promise<{ deleted: number; alreadyGone: number }> => {
  const { exports, accountingFor, clock, counters } = ports;
  const job = await requireJob(exports, input);
  await exports.updateExportJob(job, ['queued', 'running', 'compensating'], { status: 'compensating' });
  const ledger = await exports.getLedger(job.reseller, job.id);
  const open = ledger.filter(isOpen);
  const accounting = open.length > 0 ? await accountingFor(job) : undefined;

  try {
    await deleteOpenDrafts(ports, job, open, accounting);
  } finally {
    await countAccountingCalls(ports, ownerOfJob(job), accounting);
  }

  // Nothing deleted here (the batches' compensation did it, or there was nothing): the ledger as read.
  const settled = open.length === 0 ? ledger : await exports.getLedger(job.reseller, job.id);
  const compensation = {
    deleted: settled.filter((entry) => entry.state === 'deleted').length,
    alreadyGone: settled.filter((entry) => entry.state === 'already-gone').length,
  };
  const finished = await exports.finishExportJob(job, ['compensating'], {
    status: 'failed',
    failure: job.failure ?? { reason: sagaFailureReason(job.system, input.failure) },
    compensation,
    finishedAt: clock.now().toISOString(),
  });
  // A retried step finds the job failed already: it was counted then.
  if (finished) {
    counters.count('ExportsFailed');
    counters.count('DraftsDeleted', compensation.deleted);
  }
  return compensation;
};

/**
 * Each open entry's draft deleted (looked up by reference first when its creation was under way),
 * and recorded. A deletion starts only while `mayStart()` says so (a batch's compensation stops
 * before its invocation's timeout); the ones not started are counted as left.
 */
export const deleteOpenDrafts = async (
  ports: { readonly exports: Pick<ExportLedgerStore, 'recordLedger'>; readonly clock: Clock },
  job: ExportJob,
  open: readonly LedgerEntry[],
  accounting: AccountingPort | undefined,
  mayStart: () => boolean = () => true,
): Promise<{ left: number }> => {
  let left = 0;
  await forEachBounded(open, deletionsInFlight, async (entry) => {
    if (!mayStart()) {
      left += 1;
      return;
    }
    const draft =
      entry.state === 'created' && entry.draftNumber
        ? { number: entry.draftNumber, reference: entry.reference }
        : await accounting!.findDraftByReference(entry.reference);
    const outcome = draft
      ? await accounting!.deleteDraft(draft, `${entry.reference}:delete`)
      : 'already-gone';
    await ports.exports.recordLedger(job.reseller, job.id, {
      ...entry,
      state: outcome,
      ...(draft ? { draftNumber: draft.number } : {}),
      at: ports.clock.now().toISOString(),
    });
  });
  return { left };
};

/** A ledger entry whose draft may exist: made, or its making under way. */
export const isOpen = (entry: LedgerEntry): boolean =>
  entry.state === 'created' || entry.state === 'creating';
