/**
 * Booking sync (packages/app/src/bookings/sync-all-bookings.ts): EventBridge Scheduler invokes it
 * hourly for every connected integration; `npm run sync-bookings` invokes it locally, for one
 * reseller or all. Why a worker of its own: it reads the accounting systems with the integrations'
 * credentials, which only it and the export's steps are granted.
 */
import { readSyncAllBookingsInput, syncAllBookings } from '#app/bookings/sync-all-bookings';
import { counters } from '#lambda/metrics';
import { log, logger } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { accountingSystems } from '#wiring/accounting';
import { credentialStore } from '#wiring/credential-store';
import {
  accountingCallStore,
  bookingStore,
  integrationStore,
  periodHeaderStore,
  resellerListingStore,
} from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = {
  resellers: resellerListingStore,
  integrations: integrationStore,
  credentials: credentialStore,
  systems: accountingSystems,
  invoices: periodHeaderStore,
  bookings: bookingStore,
  accountingCalls: accountingCallStore,
  clock: systemClock,
  counters,
  log,
};

export const handler = workerHandler(async (event: unknown) => {
  const runs = await syncAllBookings(ports, readSyncAllBookingsInput(event));
  logger.info('Booking sync ran', {
    integrations: runs.length,
    updated: runs.reduce((sum, run) => sum + run.updated, 0),
    errors: runs.reduce((sum, run) => sum + run.errors.length, 0),
  });
  return { runs };
});
