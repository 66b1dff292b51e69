/**
 * Export saga, on success, after every batch's invoices are marked (mark-export-batch.ts): the job
 * succeeds and its month is free again. A retried step finds the job finished and counts nothing
 * twice.
 */

import type { Clock } from '#app/ports/clock';
import type { ExportJobStore } from '#app/ports/export-store';
import type { Counters } from '#app/ports/observability';
import { requireJob, type SagaInput } from './saga.ts';

export interface FinalizeExportPorts {
  readonly exports: ExportJobStore;
  readonly clock: Clock;
  readonly counters: Counters;
}

export const finalizeExport = async (
  { exports, clock, counters }: FinalizeExportPorts,
  input: SagaInput,
): Promise<{ succeeded: boolean }> => {
  const job = await requireJob(exports, input);
  const succeeded = await exports.finishExportJob(job, ['running', 'queued'], {
    status: 'succeeded',
    finishedAt: clock.now().toISOString(),
  });
  if (succeeded) counters.count('ExportsSucceeded');
  return { succeeded };
};
