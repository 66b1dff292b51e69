/** GET /product/{id}: any signed-in role, each seeing only its own prices. */

import { idPath } from '#api/common';
import { productDocument } from '#api/documents';
import { getProduct } from '#app/catalog/get-product';
import { presentProduct } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { productStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  docs: {
    summary: 'Read a product',
    description: 'Each role sees its own prices: cost to ADMIN, wholesale to RESELLER and ADMIN.',
    responses: {
      200: { description: 'The product', schema: productDocument },
      404: { description: '`not_found`' },
    },
  },
  path: idPath,
  handle: async ({ caller, path }) => ({
    status: 200,
    json: presentProduct(await getProduct({ products: productStore }, path.id), caller.role),
  }),
});
