/**
 * GET /invoice?customer=&fromDate=&toDate=&offset=&limit=: the list a reseller's staff work from,
 * newest first. A RESELLER lists its own tenant (all customers, or one); ADMIN names the reseller
 * or the customer; a USER always gets its own customer's invoices.
 */

import { invoiceListQuery } from '#api/invoice';
import { listInvoices } from '#app/invoices/list-invoices';
import { presentInvoiceSummary } from '#domain/invoice/summary';
import { httpHandler } from '#lambda/http-handler';
import { customerReadStore, directoryStore, invoiceListingStore } from '#wiring/store';

const ports = { invoices: invoiceListingStore, customers: customerReadStore, directory: directoryStore };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  query: invoiceListQuery,
  handle: async ({ caller, query }) => {
    const page = await listInvoices(ports, caller, query);
    return {
      status: 200,
      json: {
        invoices: page.invoices.map((header) => presentInvoiceSummary(header, caller.role)),
        offset: query.offset,
        limit: query.limit,
        more: page.more,
      },
    };
  },
});
