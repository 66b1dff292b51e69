/**
 * POST /product: adds a product to the platform's catalogue, with its three prices. The product
 * code is the product's number in the resellers' accounting systems, so exports can find it.
 */

import { createProductBody } from '#api/product';
import { createProduct } from '#app/catalog/create-product';
import { withKey } from '#app/idempotency';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey, requestFingerprint } from '#lambda/idempotency';
import { idempotencyStore, productStore } from '#wiring/store';
import { objectIds, systemClock } from '#wiring/system';

const ports = { products: productStore, idempotency: idempotencyStore, clock: systemClock, ids: objectIds };

export const handler = httpHandler({
  access: ['ADMIN'],
  body: createProductBody,
  handle: ({ caller, body, event }) =>
    createProduct(ports, {
      caller,
      body,
      idempotency: withKey(readIdempotencyKey(event.headers), () => requestFingerprint(body, caller)),
    }),
});
