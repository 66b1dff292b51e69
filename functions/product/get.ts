/** GET /product/{id}: any signed-in role, each seeing only its own prices. */

import { idPath } from '#api/common';
import { productDocument } from '#api/documents';
import { notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { productStore } from '#wiring/store';
import { presentProduct } from './schemas.ts';

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
  handle: async ({ caller, path }) => {
    const product = await productStore.getProduct(path.id);
    if (!product) throw notFound();
    return { status: 200, json: presentProduct(product, caller.role) };
  },
});
