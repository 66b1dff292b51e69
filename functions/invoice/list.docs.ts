/**
 * What the API reference (docs/openapi.json) says of the route of ./list.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { invoiceListDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'List invoices',
  description:
    'Newest first. A RESELLER lists its own; ADMIN names `reseller` or `customer`; a USER gets its own customer’s.',
  responses: {
    200: { description: 'A window of invoices (no lines)', schema: invoiceListDocument },
    404: { description: '`customer`: Customer not found' },
  },
};
