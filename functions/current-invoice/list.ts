/** GET /invoice/current?customer=: what the customer will be billed next, with the caller's prices. */
import * as z from 'zod';
import { objectId } from '#api/common';
import { currentItemDocument } from '#api/documents';
import { httpHandler } from '#lambda/http-handler';
import { currentItemStore } from '#wiring/store';
import { requireVisibleCustomer } from '../commons/tenancy.ts';
import { presentCurrentItem } from './schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  docs: {
    summary: 'List a customer’s current-invoice items',
    responses: {
      200: {
        description: 'What the customer will be billed next',
        schema: z.object({ currentInvoices: z.array(currentItemDocument) }),
      },
      404: { description: '`customer`: Customer not found' },
    },
  },
  query: z.object({ customer: objectId('Customer is invalid') }),
  handle: async ({ caller, query }) => {
    const customer = await requireVisibleCustomer(caller, query.customer);
    const items = await currentItemStore.listCurrentItems(customer.reseller, customer.id);
    return {
      status: 200,
      json: { currentInvoices: items.map((item) => presentCurrentItem(item, caller.role)) },
    };
  },
});
