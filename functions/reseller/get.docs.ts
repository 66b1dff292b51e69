/**
 * What the API reference (docs/openapi.json) says of the route of ./get.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { resellerDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Read a reseller',
  responses: {
    200: { description: 'The reseller', schema: resellerDocument },
    404: { description: '`not_found`: no such reseller, or not the caller’s' },
  },
};
