/** Export saga, one batch: a draft order per invoice (packages/app/src/exports/run-export-batch.ts). */
import { runExportBatch } from '#app/exports/run-export-batch';
import type { SagaInput } from '#app/exports/saga';
import { counters } from '#lambda/metrics';
import { workerHandler } from '#lambda/worker-handler';
import { draftOrderOf } from '#wiring/accounting';
import { accountingFor } from '#wiring/export-accounting';
import {
  accountingCallStore,
  customerReadStore,
  exportSagaStore,
  invoiceReadStore,
  resellerReadStore,
} from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = {
  exports: exportSagaStore,
  invoices: invoiceReadStore,
  customers: customerReadStore,
  resellers: resellerReadStore,
  accountingFor,
  accountingCalls: accountingCallStore,
  draftOrderOf,
  clock: systemClock,
  counters,
};

export const handler = workerHandler((input: SagaInput & { batch: number }) => runExportBatch(ports, input));
