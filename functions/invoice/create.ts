/**
 * POST /invoice (docs/seeds/002-create-invoice.txt): an invoice from lines, from the customer's current-invoice items, or
 * both. The request is read field by field so that every problem is reported at once; the use case
 * checks it against the store, writes the invoice in one transaction and replays a retried
 * `Idempotency-Key`. The answer, a replay's too, is GET /invoice/{id}'s without options, by the same
 * presenting function: a very large invoice answers its first lines and where the rest begin.
 */
import { defaultInvoiceView } from '#api/invoice';
import { invoiceJsonAnswer } from '#api/invoice-answer';
import { readCreateInvoiceRequest } from '#api/invoice-request';
import { withKey } from '#app/idempotency';
import { createInvoice } from '#app/invoices/create-invoice';
import { startOfDay } from '#domain/invoice/calendar';
import { bodyReader, httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey, requestFingerprint } from '#lambda/idempotency';
import { directoryStore, invoiceStore, productStore, resellerStore } from '#wiring/store';
import { objectIds, systemClock } from '#wiring/system';

const ports = {
  invoices: invoiceStore,
  directory: directoryStore,
  resellers: resellerStore,
  products: productStore,
  clock: systemClock,
  ids: objectIds,
};

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  // Read field by field, so that the use case can answer the store's problems with these at once.
  body: bodyReader((body, caller) => ({
    body,
    read: readCreateInvoiceRequest(body, caller, startOfDay(systemClock.now())),
  })),
  handle: async ({ caller, body: { body, read }, event }) => {
    const idempotency = withKey(readIdempotencyKey(event.headers), () => requestFingerprint(body, caller));
    const invoice = await createInvoice(ports, { caller, ...read, idempotency });
    return invoiceJsonAnswer(invoice, caller.role, defaultInvoiceView, 201);
  },
});
