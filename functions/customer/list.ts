/**
 * GET /customer?reseller=: the customers of one reseller, a page at a time. A RESELLER lists its
 * own (naming another reseller is refused), ADMIN names the reseller, a USER gets only itself.
 */
import * as z from 'zod';
import { objectId, pageQuery } from '#api/common';
import { customerDocument, page } from '#api/documents';
import { accessDenied, invalid } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { openCursor, sealCursor } from '#lambda/page-cursor';
import { customerStore } from '#wiring/store';
import { presentCustomer } from './schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  docs: {
    summary: 'List the customers of a reseller',
    responses: { 200: { description: 'A page of customers', schema: page('customers', customerDocument) } },
  },
  query: z.object({ reseller: objectId('Reseller is invalid').optional(), ...pageQuery }),
  handle: async ({ caller, query }) => {
    if (caller.role === 'USER') {
      const own = await customerStore.getCustomer(caller.reseller!, caller.customer!);
      return { status: 200, json: { customers: own ? [presentCustomer(own)] : [] } };
    }
    if (caller.role === 'RESELLER' && query.reseller && query.reseller !== caller.reseller)
      throw accessDenied();
    const reseller = query.reseller ?? caller.reseller;
    if (!reseller) throw invalid('reseller', 'Reseller is required for ADMIN');
    const scope = { list: 'customers', tenant: reseller };
    const page = await customerStore.listCustomers(
      reseller,
      query.limit,
      await openCursor(query.cursor, scope),
    );
    return {
      status: 200,
      json: { customers: page.items.map(presentCustomer), cursor: await sealCursor(page.cursor, scope) },
    };
  },
});
