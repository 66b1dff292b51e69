/** GET /integration/{system}/sync: the last booking sync of the integration (packages/app/src/bookings). */
import { systemPath } from '#api/export';
import { settingsQuery } from '#api/integration';
import { readBookingSync } from '#app/bookings/read-booking-sync';
import { httpHandler } from '#lambda/http-handler';
import { bookingStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  path: systemPath,
  query: settingsQuery,
  handle: async ({ caller, path: { system }, query }) => {
    const run = await readBookingSync({ bookings: bookingStore }, { caller, system, ...query });
    return { status: 200, json: run };
  },
});
