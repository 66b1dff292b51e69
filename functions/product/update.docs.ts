/**
 * What the API reference (docs/openapi.json) says of the route of ./update.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { productDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Change a product',
  description: 'Barring a product stops its use on new invoice lines; existing invoices keep their lines.',
  responses: {
    200: { description: 'The product as it is now', schema: productDocument },
    404: { description: '`not_found`' },
  },
};
