/**
 * Export saga, on success: every exported invoice gets its export mark for the system (the same
 * marks the export-tracking API reads) and a line in its timeline, then the job succeeds and its
 * month is free again. Marks are idempotent, so a retried step marks nothing twice.
 */
import { systemLabels } from '#domain/integration';
import { metrics } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { exportStore, markStore } from '#wiring/store';
import { requireJob, type SagaInput } from './saga-context.ts';

export const handler = workerHandler(async (input: SagaInput): Promise<{ marked: number }> => {
  const job = await requireJob(input);
  const created = (await exportStore.getLedger(job.reseller, job.id)).filter(
    (entry) => entry.state === 'created',
  );
  const system = job.options.adminMode ? `${job.system}:platform` : job.system;
  for (const entry of created) {
    await markStore.markExported({
      reseller: job.reseller,
      invoice: entry.invoice,
      system,
      at: entry.at,
      exportId: job.id,
      ...(entry.draftNumber ? { draftNumber: entry.draftNumber } : {}),
      ...(job.requestedBy.email ? { by: job.requestedBy.email } : {}),
      event:
        `exported to ${systemLabels[job.system]}${job.options.adminMode ? ' (platform)' : ''} as draft ${entry.draftNumber ?? ''}`.trim(),
    });
  }
  if (
    await exportStore.finishExportJob(job, ['running', 'queued'], {
      status: 'succeeded',
      finishedAt: new Date().toISOString(),
    })
  ) {
    metrics.addMetric('ExportsSucceeded', 'Count', 1);
  }
  return { marked: created.length };
});
