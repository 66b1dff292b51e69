/**
 * Monthly close, per reseller: one page of its customers per invocation, until the state says
 * `done` (packages/app/src/monthly-close/close-customers.ts).
 */
import { closeCustomersPage } from '#app/monthly-close/close-customers';
import { type ResellerCloseState, readRun } from '#app/monthly-close/close-state';
import { metrics } from '#lambda/metrics';
import { log } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import {
  currentItemStore,
  customerStore,
  periodInvoiceStore,
  productStore,
  resellerStore,
} from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = workerHandler(async (event: unknown): Promise<ResellerCloseState> => {
  const { state, created } = await closeCustomersPage(
    {
      customers: customerStore,
      products: productStore,
      currentItems: currentItemStore,
      periodInvoices: periodInvoiceStore,
      resellers: resellerStore,
      clock: systemClock,
      log,
    },
    readRun<ResellerCloseState>(event, ['reseller']),
  );
  metrics.addMetric('PeriodInvoicesCreated', 'Count', created);
  return state;
});
