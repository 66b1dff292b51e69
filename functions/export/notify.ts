/**
 * Export saga, last step: the outcome is e-mailed (packages/app/src/exports/notify-export.ts), by
 * way of the mail queue (functions/mail/send.ts sends it).
 */
import { notifyExport } from '#app/exports/notify-export';
import type { SagaInput } from '#app/exports/saga';
import { counters } from '#lambda/metrics';
import { log } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { queuedMailer } from '#wiring/sqs-mail-queue';
import { customerReadStore, exportStore, periodHeaderStore, resellerReadStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = {
  exports: exportStore,
  resellers: resellerReadStore,
  invoices: periodHeaderStore,
  customers: customerReadStore,
  mailer: queuedMailer,
  clock: systemClock,
  log,
  counters,
};

export const handler = workerHandler((input: SagaInput) => notifyExport(ports, input));
