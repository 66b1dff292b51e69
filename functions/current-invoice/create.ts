/**
 * POST /invoice/current: puts an item on a customer's current invoice, to be billed by the next
 * invoice (by hand) or the monthly close (recurring items). Cost and wholesale overrides are the
 * platform's (ADMIN) to set, as on invoice lines; a reseller may override the customer's price.
 */

import { createCurrentItemBody } from '#api/current-invoice';
import { currentItemDocument } from '#api/documents';
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
  docs: {
    summary: 'Put an item on a customer’s current invoice',
    idempotencyKey: true,
    description: [
      'Recurring items stay and are billed by each monthly close; one-off items are billed once.',
      'An item whose line (units × each unit amount, the product’s or the override) would be beyond 10,000,000,000 kr is refused (`422 units` or the price field that makes it so).',
      'Send an `Idempotency-Key` header to make retries safe: the same key and body (in any key order) answer the first item for 24 hours, even after it was billed or deleted; the same key with another body, or from another user, is `422 Idempotency-Key`.',
    ].join('\n\n'),
    responses: {
      201: {
        description: 'The new item, or the first answer to a retried Idempotency-Key',
        schema: currentItemDocument,
      },
      404: { description: '`customer` or `product` (also for a barred product)' },
      409: { description: '`Idempotency-Key`: another request with the key is still in progress' },
      422: { description: 'A field; `units` or a price beyond the line limit; `Idempotency-Key`' },
    },
  },
  body: createCurrentItemBody,
  handle: ({ caller, body, event }) =>
    putCurrentItem(ports, {
      caller,
      body,
      idempotency: withKey(readIdempotencyKey(event.headers), () => requestFingerprint(body, caller)),
    }),
});
