/**
 * POST /customer: a reseller adds one of its customers; ADMIN adds a customer to any reseller
 * and must say which. The customer's accounting-system id links its invoices to the reseller's
 * books when they are exported.
 */

import { createCustomerBody } from '#api/customer';
import { customerDocument } from '#api/documents';
import { createCustomer } from '#app/catalog/create-customer';
import { withKey } from '#app/idempotency';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey, requestFingerprint } from '#lambda/idempotency';
import { customerStore, idempotencyStore, resellerStore } from '#wiring/store';
import { objectIds, systemClock } from '#wiring/system';

const ports = {
  customers: customerStore,
  resellers: resellerStore,
  idempotency: idempotencyStore,
  clock: systemClock,
  ids: objectIds,
};

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Add a customer',
    description:
      'A RESELLER adds to itself; ADMIN names the `reseller`. With an `Idempotency-Key` a retry answers the first customer (for 24 hours) instead of adding a second one.',
    idempotencyKey: true,
    responses: {
      201: { description: 'The new customer', schema: customerDocument },
      404: { description: '`reseller`: Reseller not found' },
    },
  },
  body: createCustomerBody,
  handle: ({ caller, body, event }) =>
    createCustomer(ports, {
      caller,
      body,
      idempotency: () => withKey(readIdempotencyKey(event.headers), () => requestFingerprint(body, caller)),
    }),
});
