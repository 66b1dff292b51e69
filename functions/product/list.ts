/** GET /product: the catalogue in product-code order, a page at a time, with the caller's prices. */
import * as z from 'zod/mini';
import { pageQuery } from '#api/common';
import { listProducts } from '#app/catalog/list-products';
import { presentProduct } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { openCursor, sealCursor } from '#lambda/page-cursor';
import { productReadStore } from '#wiring/store';

const ports = { products: productReadStore, cursors: { open: openCursor, seal: sealCursor } };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  query: z.object(pageQuery),
  handle: async ({ caller, query }) => {
    const { items, cursor } = await listProducts(ports, caller, query);
    return {
      status: 200,
      json: { products: items.map((product) => presentProduct(product, caller.role)), cursor },
    };
  },
});
