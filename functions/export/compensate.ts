/**
 * Export saga, on failure: deletes every draft the ledger holds for this export — after checking
 * that the draft still carries our reference, since accounting systems reuse order numbers — and
 * looks up by reference any draft whose creation was under way when the export failed. "Already
 * gone" counts as done. Each deletion is recorded, so a retried compensation picks up where it
 * stopped. Then the job is failed, with its reason, and its month is free again.
 */
import { forEachBounded } from '#lambda/bounded';
import { metrics } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { exportStore } from '#wiring/store';
import { exportFailureReason } from '../commons/accounting-refusals.ts';
import { accountingFor } from './saga-accounting.ts';
import { requireJob, type SagaInput } from './saga-context.ts';

/**
 * Drafts deleted at once: a thousand deletions one after another, each a round trip or more to
 * the accounting system, would outlast the function's timeout; the adapter's pacer keeps them
 * within the system's rate all the same.
 */
const deletionsInFlight = 6;

interface CompensationInput extends SagaInput {
  readonly failure?: { readonly Error?: string; readonly Cause?: string };
}

/**
 * Lambda errors reach the state as `{ Error, Cause }`, the Cause a JSON of errorType and
 * errorMessage. An accounting system that could not be reached is said in our words: the error's
 * own message (an address, a transport error) is for the log.
 */
const reasonOf = (system: SagaInput['system'], failure: CompensationInput['failure']): string => {
  if (!failure) return 'The export failed';
  try {
    const cause = JSON.parse(failure.Cause ?? '') as { errorType?: string; errorMessage?: string };
    const name = cause.errorType ?? failure.Error ?? '';
    if (['AccountingAuthFailed', 'AccountingUnavailable', 'AccountingThrottled'].includes(name))
      return exportFailureReason(system, { name });
    if (cause.errorMessage) return cause.errorMessage;
  } catch {
    // a plain-text cause
  }
  return failure.Cause || failure.Error || 'The export failed';
};

export const handler = workerHandler(
  async (input: CompensationInput): Promise<{ deleted: number; alreadyGone: number }> => {
    const job = await requireJob(input);
    await exportStore.updateExportJob(job, ['queued', 'running', 'compensating'], { status: 'compensating' });
    const ledger = await exportStore.getLedger(job.reseller, job.id);
    const open = ledger.filter((entry) => entry.state === 'created' || entry.state === 'creating');
    const accounting = open.length > 0 ? await accountingFor(job) : undefined;

    await forEachBounded(open, deletionsInFlight, async (entry) => {
      const draft =
        entry.state === 'created' && entry.draftNumber
          ? { number: entry.draftNumber, reference: entry.reference }
          : await accounting!.findDraftByReference(entry.reference);
      const outcome = draft
        ? await accounting!.deleteDraft(draft, `${entry.reference}:delete`)
        : 'already-gone';
      await exportStore.recordLedger(job.reseller, job.id, {
        ...entry,
        state: outcome,
        ...(draft ? { draftNumber: draft.number } : {}),
        at: new Date().toISOString(),
      });
    });

    const settled = await exportStore.getLedger(job.reseller, job.id);
    const compensation = {
      deleted: settled.filter((entry) => entry.state === 'deleted').length,
      alreadyGone: settled.filter((entry) => entry.state === 'already-gone').length,
    };
    const finished = await exportStore.finishExportJob(job, ['compensating'], {
      status: 'failed',
      failure: job.failure ?? { reason: reasonOf(job.system, input.failure) },
      compensation,
      finishedAt: new Date().toISOString(),
    });
    // A retried step finds the job failed already: it was counted then.
    if (finished) {
      metrics.addMetric('ExportsFailed', 'Count', 1);
      metrics.addMetric('DraftsDeleted', 'Count', compensation.deleted);
    }
    return compensation;
  },
);
