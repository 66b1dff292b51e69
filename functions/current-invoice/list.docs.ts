/**
 * What the API reference (docs/openapi.json) says of the route of ./list.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import * as z from 'zod/mini';
import { currentItemDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'List a customer’s current-invoice items',
  responses: {
    200: {
      description: 'What the customer will be billed next',
      schema: z.object({ currentInvoices: z.array(currentItemDocument) }),
    },
    404: { description: '`customer`: Customer not found' },
  },
};
