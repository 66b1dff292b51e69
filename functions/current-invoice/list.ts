/** GET /invoice/current?customer=: what the customer will be billed next, with the caller's prices. */
import * as z from 'zod/mini';
import { objectId } from '#api/common';
import { listCurrentItems } from '#app/current-items/list-current-items';
import { presentCurrentItem } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { currentItemReadStore, customerReadStore, directoryStore } from '#wiring/store';

const ports = { currentItems: currentItemReadStore, customers: customerReadStore, directory: directoryStore };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  query: z.object({ customer: objectId('Customer is invalid') }),
  handle: async ({ caller, query }) => {
    const items = await listCurrentItems(ports, caller, query.customer);
    return {
      status: 200,
      json: { currentInvoices: items.map((item) => presentCurrentItem(item, caller.role)) },
    };
  },
});
