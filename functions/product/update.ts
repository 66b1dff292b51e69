/**
 * PATCH /product/{id}: changes prices, texts or flags. Barring a product stops its use on new
 * invoice lines; invoices already made keep their copy of the line.
 */

import { idPath } from '#api/common';
import { patchProductBody } from '#api/product';
import { updateProduct } from '#app/catalog/update-product';
import { presentProduct } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { productStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = httpHandler({
  access: ['ADMIN'],
  path: idPath,
  body: patchProductBody,
  handle: async ({ caller, path, body }) => {
    const product = await updateProduct({ products: productStore, clock: systemClock }, path.id, body);
    return { status: 200, json: presentProduct(product, caller.role) };
  },
});
