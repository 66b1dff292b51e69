/**
 * POST /invoice/current: puts an item on a customer's current invoice, to be billed by the next
 * invoice (by hand) or the monthly close (recurring items). Cost and wholesale overrides are the
 * platform's (ADMIN) to set, as on invoice lines; a reseller may override the customer's price.
 */

import { createCurrentItemBody } from '#api/current-invoice';
import { putCurrentItem } from '#app/current-items/put-current-item';
import { withKey } from '#app/idempotency';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey, requestFingerprint } from '#lambda/idempotency';
import {
  currentItemStore,
  customerStore,
  directoryStore,
  idempotencyStore,
  productStore,
} from '#wiring/store';
import { objectIds, systemClock } from '#wiring/system';

const ports = {
  currentItems: currentItemStore,
  customers: customerStore,
  directory: directoryStore,
  products: productStore,
  idempotency: idempotencyStore,
  clock: systemClock,
  ids: objectIds,
};

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  body: createCurrentItemBody,
  handle: ({ caller, body, event }) =>
    putCurrentItem(ports, {
      caller,
      body,
      idempotency: withKey(readIdempotencyKey(event.headers), () => requestFingerprint(body, caller)),
    }),
});
