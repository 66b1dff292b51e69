/**
 * Export saga, last step: e-mails the outcome to the user who asked for the export and to the
 * reseller's accounting e-mail, in the reseller's language. Sent once: a retried step finds the
 * job already notified. A notification that cannot be sent does not undo the export (the state
 * machine catches it).
 */

import type { Clock } from '#app/ports/clock';
import type { ExportJobStore, ExportLedgerStore, ResellerReader } from '#app/ports/export-store';
import type { Mailer } from '#app/ports/mailer';
import type { Counters, Log } from '#app/ports/observability';
import { isMailboxAddress } from '#domain/email-address';
import { exportReport } from '#domain/export-report';
import { requireJob, type SagaInput } from './saga.ts';

export interface NotifyExportPorts {
  readonly exports: ExportJobStore & Pick<ExportLedgerStore, 'getLedger'>;
  readonly resellers: ResellerReader;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly log: Log;
  readonly counters: Counters;
}

export const notifyExport = async (
  { exports, resellers, mailer, clock, log, counters }: NotifyExportPorts,
  input: SagaInput,
): Promise<{ sentTo: string[] }> => {
  const job = await requireJob(exports, input);
  if (job.notifiedAt) return { sentTo: [] };
  const reseller = await resellers.getReseller(job.reseller);
  // Checked here and again by the mailer: a job stored before addresses were checked (or a claim
  // that was not an address) tells the accounting contact all the same.
  const candidates = [job.requestedBy.email, reseller?.finance.accountingEmail];
  if (!candidates.some((address) => isMailboxAddress(address))) {
    log.warn('Nobody to tell how the export went', { exportId: job.id });
    return { sentTo: [] };
  }
  const report = exportReport(job, await exports.getLedger(job.reseller, job.id), {
    name: reseller?.name ?? job.reseller,
    language: reseller?.language ?? 'da',
  });
  const sentTo = await mailer.send({ to: candidates, ...report });
  await exports.updateExportJob(job, ['succeeded', 'failed'], {
    status: job.status,
    notifiedAt: clock.now().toISOString(),
  });
  counters.count('ExportNotificationsSent');
  return { sentTo };
};
