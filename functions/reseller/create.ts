/**
 * POST /reseller: registers a reseller, the tenant every customer, product price and invoice
 * belongs to. Only the platform (ADMIN) creates resellers.
 */

import { createResellerBody } from '#api/reseller';
import { createReseller } from '#app/catalog/create-reseller';
import { withKey } from '#app/idempotency';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey, requestFingerprint } from '#lambda/idempotency';
import { idempotencyStore, resellerStore } from '#wiring/store';
import { objectIds, systemClock } from '#wiring/system';

const ports = { resellers: resellerStore, idempotency: idempotencyStore, clock: systemClock, ids: objectIds };

export const handler = httpHandler({
  access: ['ADMIN'],
  body: createResellerBody,
  handle: ({ caller, body, event }) =>
    createReseller(ports, {
      body,
      idempotency: withKey(readIdempotencyKey(event.headers), () => requestFingerprint(body, caller)),
    }),
});
