/**
 * What the API reference (docs/openapi.json) says of the route of ./list.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { page, productDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'List the catalogue',
  responses: {
    200: { description: 'A page of products, by product code', schema: page('products', productDocument) },
  },
};
