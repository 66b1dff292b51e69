/**
 * What the API reference (docs/openapi.json) says of the route of ./create.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { createInvoiceDocs } from '#api/invoice-request-docs';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = createInvoiceDocs;
