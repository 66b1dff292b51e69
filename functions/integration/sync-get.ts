/** GET /integration/{system}/sync: the last booking sync of the integration (packages/app/src/bookings). */
import { systemPath } from '#api/export';
import { bookingSyncDocument, settingsQuery } from '#api/integration';
import { readBookingSync } from '#app/bookings/read-booking-sync';
import { httpHandler } from '#lambda/http-handler';
import { bookingStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Read the last booking sync',
    description:
      'What the last booking sync found in the accounting system for this integration: the exported drafts it followed, those found booked, the invoices it changed (the accounting system’s invoice number, `sent`, `paid`, a timeline entry), the drafts deleted by hand (their invoices may be exported again), what it could not match, and what went wrong. The sync runs on a schedule (hourly by default); `npm run sync-bookings` runs it locally.',
    responses: {
      200: { description: 'The last run', schema: bookingSyncDocument },
      404: { description: '`not_found`: no sync has run for this integration' },
    },
  },
  path: systemPath,
  query: settingsQuery,
  handle: async ({ caller, path: { system }, query }) => {
    const run = await readBookingSync({ bookings: bookingStore }, { caller, system, ...query });
    return { status: 200, json: run };
  },
});
