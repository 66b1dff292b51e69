/**
 * GET /invoice/{id}/timeline: what happened to the invoice and when (created, exported to an
 * accounting system, marked exported by another system, with its note), oldest first. The end
 * customer (USER) sees only its own events (created, sent, paid), without staff or notes.
 */

import { idPath } from '#api/common';
import { invoiceTimeline } from '#app/invoices/invoice-timeline';
import { httpHandler } from '#lambda/http-handler';
import { directoryStore, invoiceReadStore, invoiceTimelineStore } from '#wiring/store';

const ports = { directory: directoryStore, invoices: { ...invoiceReadStore, ...invoiceTimelineStore } };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  path: idPath,
  handle: async ({ caller, path }) => ({ status: 200, json: await invoiceTimeline(ports, caller, path.id) }),
});
