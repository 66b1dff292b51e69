/**
 * GET /invoices/export?system_id=X (docs/seeds/004-export-tracking.txt): the invoices a system has not taken yet
 * (packages/app/src/export-tracking/list-unexported.ts), each as the caller's role may see it.
 */
import {
  maxUnexportedPerAnswer,
  presentUnexported as present,
  unexportedAnswerBytes,
  unexportedQuery,
} from '#api/export-tracking-list';
import { payloadBytes } from '#api/payload';
import { listUnexportedInvoices } from '#app/export-tracking/list-unexported';
import { httpHandler } from '#lambda/http-handler';
import { openCursor, sealCursor } from '#lambda/page-cursor';
import { exportSystemStore, exportTrackingStore, invoiceReadStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  query: unexportedQuery,
  handle: async ({ caller, query, event }) => {
    const page = await listUnexportedInvoices(
      {
        exportSystems: exportSystemStore,
        exportTracking: exportTrackingStore,
        invoices: invoiceReadStore,
        cursors: { open: openCursor, seal: sealCursor },
        clock: systemClock,
      },
      caller,
      {
        system: query.system_id,
        ...(query.reseller ? { reseller: query.reseller } : {}),
        ...(query.not_exported_since ? { notExportedSince: query.not_exported_since } : {}),
        includeNonBooked: query.include_non_booked === true,
        includeLines: query['includes[]'] === 'lines',
        limit: query.limit ?? maxUnexportedPerAnswer,
        present: (item) => present(item, caller.role),
        budget: { bytes: unexportedAnswerBytes, size: (answer) => payloadBytes(answer) + 1 },
        ...(query.cursor ? { cursor: query.cursor } : {}),
        filters: new URLSearchParams(event.rawQueryString),
      },
    );
    return {
      status: 200,
      json: { invoices: page.invoices, ...(page.cursor ? { cursor: page.cursor } : {}) },
    };
  },
});
