/**
 * GET /invoice/{id}/timeline: what happened to the invoice and when (created, exported to an
 * accounting system, marked exported by another system, with its note), oldest first. The end
 * customer (USER) sees only its own events (created, sent, paid), without staff or notes.
 */

import { idPath } from '#api/common';
import { timelineDocument } from '#api/documents';
import { timelineFor } from '#domain/invoice/timeline';
import { httpHandler } from '#lambda/http-handler';
import { invoiceStore } from '#wiring/store';
import { requireVisibleInvoiceHeader } from './find.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  docs: {
    summary: 'An invoice’s timeline',
    description:
      'ADMIN and RESELLER see every entry (who exported or marked the invoice, where, with its note). A USER sees only the events that concern the customer (`created`, `sent`, `paid`), each with `at` and `event` alone.',
    responses: {
      200: { description: 'What happened to the invoice, oldest first', schema: timelineDocument },
      404: { description: '`not_found`' },
    },
  },
  path: idPath,
  handle: async ({ caller, path }) => {
    const invoice = await requireVisibleInvoiceHeader(caller, path.id);
    const timeline = await invoiceStore.getTimeline(invoice.reseller, invoice.id);
    return { status: 200, json: { invoice: invoice.id, timeline: timelineFor(caller.role, timeline) } };
  },
});
