/**
 * What the API reference (docs/openapi.json) says of the route of ./get.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { customerDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Read a customer',
  responses: {
    200: { description: 'The customer', schema: customerDocument },
    404: { description: '`not_found`: no such customer, or not one the caller may see' },
  },
};
