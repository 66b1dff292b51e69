/**
 * Export saga, first step: the job starts running. The invoices were snapshotted into batches when
 * the request was accepted (exactly the ones validated and counted in its answer), so this step
 * only moves the job on and tells the state machine how many batches to map over. A restarted
 * execution finds the job already running and goes on.
 */
import type { Clock } from '#app/ports/clock';
import type { ExportJobStore } from '#app/ports/export-store';
import type { Counters } from '#app/ports/observability';
import { requireJob, type SagaInput } from './saga.ts';

/**
 * The job was failed before this run started it: the sweeper gave up on it (sweep-queued-exports.ts)
 * and freed its month. The run must not export it now; the saga's catch records nothing new and
 * tells the user it failed.
 */
export class ExportNoLongerQueued extends Error {
  public override readonly name = 'ExportNoLongerQueued';
}

export interface PrepareExportPorts {
  readonly exports: ExportJobStore;
  readonly clock: Clock;
  readonly counters: Counters;
}

export const prepareExport = async (
  { exports, clock, counters }: PrepareExportPorts,
  input: SagaInput,
): Promise<{ batchCount: number }> => {
  const job = await requireJob(exports, input);
  if (
    await exports.updateExportJob(job, ['queued'], {
      status: 'running',
      startedAt: clock.now().toISOString(),
    })
  ) {
    counters.count('ExportsStarted');
  } else {
    const now = await requireJob(exports, input);
    if (now.status === 'failed' && !now.startedAt)
      throw new ExportNoLongerQueued(now.failure?.reason ?? `Export ${now.id} was failed before it started`);
  }
  return { batchCount: job.batchCount };
};
