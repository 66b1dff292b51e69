/**
 * POST /product: adds a product to the platform's catalogue, with its three prices. The product
 * code is the product's number in the resellers' accounting systems, so exports can find it.
 */

import { productDocument } from '#api/documents';
import { newId } from '#domain/ids';
import type { Product } from '#domain/product';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey } from '#lambda/idempotency';
import { productStore } from '#wiring/store';
import { createOnce, rememberedRequest } from '../commons/idempotency.ts';
import { createProductBody, presentProduct } from './schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN'],
  docs: {
    summary: 'Add a product to the catalogue',
    description:
      'With an `Idempotency-Key` a retry answers the first product (for 24 hours) instead of adding a second one.',
    idempotencyKey: true,
    responses: { 201: { description: 'The new product', schema: productDocument } },
  },
  body: createProductBody,
  handle: async ({ caller, body, event }) => {
    const key = readIdempotencyKey(event.headers);
    // The catalogue is the platform's: the key is remembered in the platform's partition.
    const idempotency = key ? rememberedRequest({ route: 'POST /product', key }, body, caller) : undefined;
    return createOnce(idempotency, async () => {
      const now = new Date().toISOString();
      const product: Product = { id: newId(), ...body, createdAt: now, updatedAt: now };
      return {
        answer: { status: 201, json: presentProduct(product, caller.role) },
        write: (remember) => productStore.putNewProduct(product, remember),
      };
    });
  },
});
