/**
 * Booking sync for every reseller's connected integrations, as the schedule runs it (hourly by
 * default), or for one reseller (and one system) when a person asks (`npm run sync-bookings`).
 * Resellers are read a page at a time; a few integrations are synced at once. An integration
 * whose sync fails unexpectedly (the store) fails the run, so that the function's errors raise the
 * alarm; what the accounting system answered is recorded on that integration's run instead.
 */
import type { Page } from '#app/ports/store';
import type { BookingSyncRun } from '#domain/booking-sync';
import { type AccountingSystemName, accountingSystems } from '#domain/integration';
import type { Reseller } from '#domain/reseller';
import { forEachBounded } from '../bounded.ts';
import { type SyncBookingsPorts, syncBookings } from './sync-bookings.ts';

const resellersPerPage = 100;
const integrationsAtOnce = 4;

export interface SyncAllBookingsPorts extends SyncBookingsPorts {
  readonly resellers: {
    listResellers(limit: number, cursor?: string): Promise<Page<Reseller>>;
  };
}

export interface SyncAllBookingsInput {
  readonly reseller?: string;
  readonly system?: AccountingSystemName;
  readonly monthsBack?: number;
}

/** Reads the schedule's (or a person's) input, whatever arrives: unknown fields and types are ignored. */
export const readSyncAllBookingsInput = (event: unknown): SyncAllBookingsInput => {
  const given = (event ?? {}) as Record<string, unknown>;
  const system = accountingSystems.find((name) => name === given.system);
  const monthsBack = given.monthsBack;
  return {
    ...(typeof given.reseller === 'string' && given.reseller !== '' ? { reseller: given.reseller } : {}),
    ...(system ? { system } : {}),
    ...(typeof monthsBack === 'number' && Number.isInteger(monthsBack) && monthsBack >= 0 && monthsBack <= 24
      ? { monthsBack }
      : {}),
  };
};

export const syncAllBookings = async (
  ports: SyncAllBookingsPorts,
  input: SyncAllBookingsInput = {},
): Promise<BookingSyncRun[]> => {
  const systems = input.system ? [input.system] : accountingSystems;
  const runs: BookingSyncRun[] = [];
  const syncReseller = async (reseller: string) =>
    forEachBounded(systems, systems.length, async (system) => {
      const run = await syncBookings(ports, {
        reseller,
        system,
        ...(input.monthsBack === undefined ? {} : { monthsBack: input.monthsBack }),
      });
      if (run) runs.push(run);
    });
  if (input.reseller) {
    await syncReseller(input.reseller);
    return runs;
  }
  let cursor: string | undefined;
  do {
    const page = await ports.resellers.listResellers(resellersPerPage, cursor);
    await forEachBounded(page.items, integrationsAtOnce, (reseller) => syncReseller(reseller.id));
    cursor = page.cursor;
  } while (cursor);
  return runs;
};
