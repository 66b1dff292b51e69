/**
 * What the API reference (docs/openapi.json) says of the route of ./delete.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Take an item off the current invoice',
  responses: {
    204: { description: 'Deleted' },
    404: { description: '`not_found`: no such item (or already billed)' },
  },
};
