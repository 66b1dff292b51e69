/**
 * What the API reference (docs/openapi.json) says of the route of ./status.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { exportDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Read an export job',
  responses: {
    200: { description: 'The job and each invoice’s draft', schema: exportDocument },
    404: { description: '`not_found`' },
  },
};
