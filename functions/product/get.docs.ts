/**
 * What the API reference (docs/openapi.json) says of the route of ./get.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { productDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Read a product',
  description: 'Each role sees its own prices: cost to ADMIN, wholesale to RESELLER and ADMIN.',
  responses: {
    200: { description: 'The product', schema: productDocument },
    404: { description: '`not_found`' },
  },
};
