/**
 * Booking sync for every connected integration, the resellers' and the platform's own books
 * (adminMode exports), as the schedule runs it (hourly by default), or for one reseller or the
 * platform (and one system) when a person asks (`npm run sync-bookings`).
 * Resellers are read a page at a time; a few integrations are synced at once. An integration
 * whose sync fails unexpectedly (the store) fails the run, so that the function's errors raise the
 * alarm; what the accounting system answered is recorded on that integration's run instead.
 */
import type { BookingSyncRun } from '#domain/booking-sync';
import { type AccountingSystemName, accountingSystems, type IntegrationOwner } from '#domain/integration';
import { forEachBounded } from '../bounded.ts';
import { type SyncBookingsPorts, syncBookings } from './sync-bookings.ts';

const resellersPerPage = 100;
const integrationsAtOnce = 4;

export type SyncAllBookingsPorts = SyncBookingsPorts;

export interface SyncAllBookingsInput {
  readonly reseller?: string;
  /** The platform's own books only. */
  readonly platform?: true;
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
    ...(given.platform === true ? { platform: true as const } : {}),
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
  const syncOwner = async (owner: IntegrationOwner) =>
    forEachBounded(systems, systems.length, async (system) => {
      const run = await syncBookings(ports, {
        owner,
        system,
        ...(input.monthsBack === undefined ? {} : { monthsBack: input.monthsBack }),
      });
      if (run) runs.push(run);
    });
  if (input.reseller) {
    await syncOwner({ kind: 'reseller', reseller: input.reseller });
    return runs;
  }
  if (!input.platform) {
    let cursor: string | undefined;
    do {
      const page = await ports.resellers.listResellers(resellersPerPage, cursor);
      await forEachBounded(page.items, integrationsAtOnce, (reseller) =>
        syncOwner({ kind: 'reseller', reseller: reseller.id }),
      );
      cursor = page.cursor;
    } while (cursor);
  }
  await syncOwner({ kind: 'platform' });
  return runs;
};
