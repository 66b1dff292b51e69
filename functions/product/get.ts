/** GET /product/{id}: any signed-in role, each seeing only its own prices. */

import { idPath } from '#api/common';
import { getProduct } from '#app/catalog/get-product';
import { presentProduct } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { productReadStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  path: idPath,
  handle: async ({ caller, path }) => ({
    status: 200,
    json: presentProduct(await getProduct({ products: productReadStore }, path.id), caller.role),
  }),
});
