/**
 * What the API reference (docs/openapi.json) says of the route of ./create.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { resellerDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Register a reseller',
  description:
    'With an `Idempotency-Key` a retry answers the first reseller (for 24 hours) instead of registering a second one.',
  idempotencyKey: true,
  responses: { 201: { description: 'The new reseller', schema: resellerDocument } },
};
