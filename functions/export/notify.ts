/**
 * Export saga, last step: e-mails the outcome to the user who asked for the export and to the
 * reseller's accounting e-mail, in the reseller's language. Sent once: a retried step finds the
 * job already notified. A notification that cannot be sent does not undo the export (the state
 * machine catches it), it is logged and counted.
 */
import { exportReport } from '#domain/export-report';
import { logger, metrics } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { deliverableRecipients } from '#wiring/recipients';
import { mailer } from '#wiring/ses-mailer';
import { exportStore, resellerStore } from '#wiring/store';
import { requireJob, type SagaInput } from './saga-context.ts';

export const handler = workerHandler(async (input: SagaInput): Promise<{ sentTo: string[] }> => {
  const job = await requireJob(input);
  if (job.notifiedAt) return { sentTo: [] };
  const reseller = await resellerStore.getReseller(job.reseller);
  // Checked here and again by the mailer: a job stored before addresses were checked (or
  // a claim that was not an address) tells the accounting contact all the same.
  const recipients = deliverableRecipients([job.requestedBy.email, reseller?.finance.accountingEmail]);
  if (recipients.length === 0) {
    logger.warn('Nobody to tell how the export went', { exportId: job.id });
    return { sentTo: [] };
  }
  const report = exportReport(job, await exportStore.getLedger(job.reseller, job.id), {
    name: reseller?.name ?? job.reseller,
    language: reseller?.language ?? 'da',
  });
  const sentTo = await mailer.send({ to: recipients, ...report });
  await exportStore.updateExportJob(job, ['succeeded', 'failed'], {
    status: job.status,
    notifiedAt: new Date().toISOString(),
  });
  metrics.addMetric('ExportNotificationsSent', 'Count', 1);
  return { sentTo };
});
