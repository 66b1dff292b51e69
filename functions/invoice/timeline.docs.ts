/**
 * What the API reference (docs/openapi.json) says of the route of ./timeline.ts beside its schemas:
 * read by `npm run openapi`, never bundled with the handler.
 */

import { timelineDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'An invoice’s timeline',
  description:
    'ADMIN and RESELLER see every entry (who exported or marked the invoice, where, with its note). A USER sees only the events that concern the customer (`created`, `sent`, `paid`), each with `at` and `event` alone.',
  responses: {
    200: { description: 'What happened to the invoice, oldest first', schema: timelineDocument },
    404: { description: '`not_found`' },
  },
};
