/**
 * What the API reference (docs/openapi.json) says of the route of ./list.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { page, resellerDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'List resellers',
  description: 'ADMIN pages through all resellers; a RESELLER gets itself.',
  responses: { 200: { description: 'A page of resellers', schema: page('resellers', resellerDocument) } },
};
