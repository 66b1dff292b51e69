/**
 * GET /invoice/{id} (docs/seeds/003-get-invoice.txt): the invoice as JSON or CSV, in Danish or English, lines grouped or
 * not, with the prices the caller's role may see. One DynamoDB query for an ordinary invoice.
 */

import { idPath } from '#api/common';
import { invoiceViewQuery } from '#api/invoice';
import { invoiceAnswer } from '#api/invoice-answer';
import { requireVisibleInvoice } from '#app/invoices/visible-invoice';
import { httpHandler } from '#lambda/http-handler';
import { directoryStore, invoiceReadStore } from '#wiring/store';

const ports = { directory: directoryStore, invoices: invoiceReadStore };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  path: idPath,
  query: invoiceViewQuery,
  handle: async ({ caller, path, query }) => {
    const { invoice } = await requireVisibleInvoice(ports, caller, path.id);
    return invoiceAnswer(invoice, caller.role, query);
  },
});
