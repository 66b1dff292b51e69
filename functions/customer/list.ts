/**
 * GET /customer?reseller=: the customers of one reseller, a page at a time. A RESELLER lists its
 * own (naming another reseller is refused), ADMIN names the reseller, a USER gets only itself.
 */
import * as z from 'zod/mini';
import { objectId, pageQuery } from '#api/common';
import { listCustomers } from '#app/catalog/list-customers';
import { presentCustomer } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { openCursor, sealCursor } from '#lambda/page-cursor';
import { customerListingStore, customerReadStore } from '#wiring/store';

const ports = {
  customers: { ...customerReadStore, ...customerListingStore },
  cursors: { open: openCursor, seal: sealCursor },
};

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  query: z.object({ reseller: z.optional(objectId('Reseller is invalid')), ...pageQuery }),
  handle: async ({ caller, query }) => {
    const { items, cursor } = await listCustomers(ports, caller, query);
    return { status: 200, json: { customers: items.map(presentCustomer), cursor } };
  },
});
