/**
 * The ports of the export use cases that accept an export (the API's request, the monthly close's
 * automatic export), created once per container.
 */
import type { AcceptExportPorts } from '#app/exports/request-export';
import { counters, log } from '#lambda/observability';
import { accountingSystems, draftOrderOf } from './accounting.ts';
import { credentialStore } from './credential-store.ts';
import { exportQueue } from './sqs-export-queue.ts';
import {
  accountingCallStore,
  customerReadStore,
  exportStore,
  integrationStore,
  invoiceReadStore,
  periodHeaderStore,
  resellerReadStore,
} from './store.ts';
import { objectIds, systemClock } from './system.ts';

export const acceptExportPorts: AcceptExportPorts = {
  resellers: resellerReadStore,
  customers: customerReadStore,
  invoices: { ...invoiceReadStore, ...periodHeaderStore },
  exports: exportStore,
  accountingCalls: accountingCallStore,
  integrations: integrationStore,
  credentials: credentialStore,
  systems: accountingSystems,
  draftOrderOf,
  queue: exportQueue,
  clock: systemClock,
  ids: objectIds,
  log,
  counters,
};
