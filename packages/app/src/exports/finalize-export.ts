/**
 * Export saga, on success: every exported invoice gets its export mark for the books (the same
 * marks the export-tracking API reads) and a line in its timeline, then the job succeeds and its
 * month is free again. Marks are idempotent, so a retried step marks nothing twice.
 */

import type { Clock } from '#app/ports/clock';
import type { ExportJobStore, ExportLedgerStore, MarkWriter } from '#app/ports/export-store';
import type { Counters } from '#app/ports/observability';
import { exportedEvent, exportMarkKey } from '#domain/export-job';
import { requireJob, type SagaInput } from './saga.ts';

export interface FinalizeExportPorts {
  readonly exports: ExportJobStore & Pick<ExportLedgerStore, 'getLedger'>;
  readonly marks: MarkWriter;
  readonly clock: Clock;
  readonly counters: Counters;
}

export const finalizeExport = async (
  { exports, marks, clock, counters }: FinalizeExportPorts,
  input: SagaInput,
): Promise<{ marked: number }> => {
  const job = await requireJob(exports, input);
  const created = (await exports.getLedger(job.reseller, job.id)).filter(
    (entry) => entry.state === 'created',
  );
  const markedAs = exportMarkKey(job.system, job.options);
  for (const entry of created) {
    await marks.markExported({
      reseller: job.reseller,
      invoice: entry.invoice,
      system: markedAs,
      at: entry.at,
      exportId: job.id,
      ...(entry.draftNumber ? { draftNumber: entry.draftNumber } : {}),
      ...(job.requestedBy.email ? { by: job.requestedBy.email } : {}),
      event: exportedEvent(job.system, job.options, entry.draftNumber),
    });
  }
  if (
    await exports.finishExportJob(job, ['running', 'queued'], {
      status: 'succeeded',
      finishedAt: clock.now().toISOString(),
    })
  ) {
    counters.count('ExportsSucceeded');
  }
  return { marked: created.length };
};
