/** GET /product: the catalogue in product-code order, a page at a time, with the caller's prices. */
import * as z from 'zod';
import { pageQuery } from '#api/common';
import { page, productDocument } from '#api/documents';
import { httpHandler } from '#lambda/http-handler';
import { openCursor, sealCursor } from '#lambda/page-cursor';
import { productStore } from '#wiring/store';
import { presentProduct } from './schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  docs: {
    summary: 'List the catalogue',
    responses: {
      200: { description: 'A page of products, by product code', schema: page('products', productDocument) },
    },
  },
  query: z.object(pageQuery),
  handle: async ({ caller, query }) => {
    // One catalogue for all, but a cursor is still the caller's tenant's: it is not passed around.
    const scope = { list: 'products', tenant: caller.reseller ?? 'platform' };
    const page = await productStore.listProducts(query.limit, await openCursor(query.cursor, scope));
    return {
      status: 200,
      json: {
        products: page.items.map((product) => presentProduct(product, caller.role)),
        cursor: await sealCursor(page.cursor, scope),
      },
    };
  },
});
