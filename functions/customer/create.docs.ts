/**
 * What the API reference (docs/openapi.json) says of the route of ./create.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { customerDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Add a customer',
  description:
    'A RESELLER adds to itself; ADMIN names the `reseller`. With an `Idempotency-Key` a retry answers the first customer (for 24 hours) instead of adding a second one.',
  idempotencyKey: true,
  responses: {
    201: { description: 'The new customer', schema: customerDocument },
    404: { description: '`reseller`: Reseller not found' },
  },
};
