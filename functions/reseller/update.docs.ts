/**
 * What the API reference (docs/openapi.json) says of the route of ./update.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { resellerDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Change a reseller',
  description:
    'Changes the fields given and keeps the others. A RESELLER changes only itself, and not `finance.accountingSystemId` (the platform’s).',
  responses: {
    200: { description: 'The reseller as it is now', schema: resellerDocument },
    403: { description: '`access_denied`: a RESELLER setting `finance.accountingSystemId`' },
    404: { description: '`not_found`: no such reseller, or not the caller’s' },
    409: {
      description: '`invoiceNumber`: invoices kept being numbered while the numbering changed; retry',
    },
    422: {
      description:
        '`nextInvoiceNumber`: the series would move backwards or onto a number used, or a next number without `faktura` numbering',
    },
  },
};
