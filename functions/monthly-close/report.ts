/**
 * Monthly close, last step: what the run did, in one structured log line and as metrics, so that
 * the person on call at month-end sees it on the dashboard and an alarm fires on failures; and the
 * e-mails about refused automatic exports (packages/app/src/monthly-close/report.ts).
 */
import { type CloseRun, readRun } from '#app/monthly-close/close-state';
import { type CloseSummary, reportClose } from '#app/monthly-close/report';
import { metrics } from '#lambda/metrics';
import { log } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { queuedMailer } from '#wiring/sqs-mail-queue';
import { closeStore, resellerReadStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = workerHandler(async (event: unknown): Promise<CloseSummary> => {
  const { summary, resellers } = await reportClose(
    { closes: closeStore, resellers: resellerReadStore, mailer: queuedMailer, clock: systemClock, log },
    readRun<CloseRun>(event),
  );
  const finished = summary.failures > 0 ? log.error : log.info;
  finished('Monthly close finished', { monthlyClose: summary, resellers });
  metrics.addMetric('MonthlyCloseInvoicesCreated', 'Count', summary.invoicesCreated);
  metrics.addMetric('MonthlyCloseFailures', 'Count', summary.failures);
  metrics.addMetric('MonthlyCloseExportsQueued', 'Count', summary.exportsQueued);
  return summary;
});
