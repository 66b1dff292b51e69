/**
 * What the API reference (docs/openapi.json) says of the route of ./create.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { productDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Add a product to the catalogue',
  description:
    'With an `Idempotency-Key` a retry answers the first product (for 24 hours) instead of adding a second one.',
  idempotencyKey: true,
  responses: { 201: { description: 'The new product', schema: productDocument } },
};
