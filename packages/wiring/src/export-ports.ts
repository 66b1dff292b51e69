/**
 * The ports of the export use cases that accept an export (the API's request, the monthly close's
 * automatic export), created once per container. The queue is the caller's: the API sends on SQS
 * (sqs-export-queue.ts), the monthly close answers its messages to its state machine
 * (deferred-export-queue.ts), so that only the functions that send hold SQS's client.
 */

import type { AcceptExportPorts } from '#app/exports/request-export';
import type { ExportQueue } from '#app/ports/export-queue';
import { counters } from '#lambda/metrics';
import { log } from '#lambda/observability';
import { draftOrderOf } from './accounting.ts';
import { accountingReaders } from './accounting-readers.ts';
import { credentialStore } from './credential-store.ts';
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

const acceptExportPortsButQueue: Omit<AcceptExportPorts, 'queue'> = {
  resellers: resellerReadStore,
  customers: customerReadStore,
  invoices: { ...invoiceReadStore, ...periodHeaderStore },
  exports: exportStore,
  accountingCalls: accountingCallStore,
  integrations: integrationStore,
  credentials: credentialStore,
  systems: accountingReaders,
  draftOrderOf,
  clock: systemClock,
  ids: objectIds,
  log,
  counters,
};

export const acceptExportPortsWith = (queue: ExportQueue): AcceptExportPorts => ({
  ...acceptExportPortsButQueue,
  queue,
});
