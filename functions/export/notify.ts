/** Export saga, last step: the outcome is e-mailed (packages/app/src/exports/notify-export.ts). */
import { notifyExport } from '#app/exports/notify-export';
import type { SagaInput } from '#app/exports/saga';
import { counters, log } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { mailer } from '#wiring/ses-mailer';
import { customerReadStore, exportStore, periodHeaderStore, resellerReadStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = {
  exports: exportStore,
  resellers: resellerReadStore,
  invoices: periodHeaderStore,
  customers: customerReadStore,
  mailer,
  clock: systemClock,
  log,
  counters,
};

export const handler = workerHandler((input: SagaInput) => notifyExport(ports, input));
