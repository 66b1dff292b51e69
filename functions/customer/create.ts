/**
 * POST /customer: a reseller adds one of its customers; ADMIN adds a customer to any reseller
 * and must say which. The customer's accounting-system id links its invoices to the reseller's
 * books when they are exported.
 */

import { createCustomerBody } from '#api/customer';
import { createCustomer } from '#app/catalog/create-customer';
import { withKey } from '#app/idempotency';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey, requestFingerprint } from '#lambda/idempotency';
import { customerStore, idempotencyStore, resellerReadStore } from '#wiring/store';
import { objectIds, systemClock } from '#wiring/system';

const ports = {
  customers: customerStore,
  resellers: resellerReadStore,
  idempotency: idempotencyStore,
  clock: systemClock,
  ids: objectIds,
};

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  body: createCustomerBody,
  handle: ({ caller, body, event }) =>
    createCustomer(ports, {
      caller,
      body,
      idempotency: () => withKey(readIdempotencyKey(event.headers), () => requestFingerprint(body, caller)),
    }),
});
