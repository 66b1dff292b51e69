/**
 * Export saga, first step: the job starts running. The invoices were snapshotted into batches
 * when the request was accepted (exactly the ones validated and counted in its answer), so this
 * step only moves the job on and tells the state machine how many batches to map over. A
 * restarted execution finds the job already running and goes on.
 */
import { metrics } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { exportStore } from '#wiring/store';
import { requireJob, type SagaInput } from './saga-context.ts';

/**
 * The job was failed before this run started it: the sweeper gave up on it (functions/export/
 * sweep-queued.ts) and freed its month. The run must not export it now; the saga's catch records
 * nothing new and tells the user it failed.
 */
export class ExportNoLongerQueued extends Error {
  public override readonly name = 'ExportNoLongerQueued';
}

export const handler = workerHandler(async (input: SagaInput): Promise<{ batchCount: number }> => {
  const job = await requireJob(input);
  if (
    await exportStore.updateExportJob(job, ['queued'], {
      status: 'running',
      startedAt: new Date().toISOString(),
    })
  ) {
    metrics.addMetric('ExportsStarted', 'Count', 1);
  } else {
    const now = await requireJob(input);
    if (now.status === 'failed' && !now.startedAt)
      throw new ExportNoLongerQueued(now.failure?.reason ?? `Export ${now.id} was failed before it started`);
  }
  return { batchCount: job.batchCount };
});
