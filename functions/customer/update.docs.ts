/**
 * What the API reference (docs/openapi.json) says of the route of ./update.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { customerDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Change a customer',
  description: 'Changes the fields given and keeps the others.',
  responses: {
    200: { description: 'The customer as it is now', schema: customerDocument },
    404: { description: '`not_found`' },
  },
};
