/**
 * What the API reference (docs/openapi.json) says of the route of ./create.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { currentItemDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
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
};
