import { bookingSyncDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Read the last booking sync',
  description:
    'What the last booking sync found in the accounting system for this integration: the exported drafts it followed, those found booked, the invoices it changed (the accounting system’s invoice number, `sent`, `paid`, a timeline entry), the drafts deleted by hand (their invoices may be exported again), what it could not match, and what went wrong. The sync runs on a schedule (hourly by default); `npm run sync-bookings` runs it locally.',
  responses: {
    200: { description: 'The last run', schema: bookingSyncDocument },
    404: { description: '`not_found`: no sync has run for this integration' },
  },
};
