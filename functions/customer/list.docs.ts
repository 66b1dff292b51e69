/**
 * What the API reference (docs/openapi.json) says of the route of ./list.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { customerDocument, page } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'List the customers of a reseller',
  responses: { 200: { description: 'A page of customers', schema: page('customers', customerDocument) } },
};
