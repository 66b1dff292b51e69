import type { BookingSyncRun } from '#domain/booking-sync';
import type { Caller } from '#domain/caller';
import type { AccountingSystemName, IntegrationOwner } from '#domain/integration';
import { notFound } from '#domain/refusal';
import { integrationOwner } from '../integrations/integration-owner.ts';

export interface ReadBookingSyncInput {
  readonly caller: Caller;
  readonly system: AccountingSystemName;
  readonly reseller?: string | undefined;
  readonly platform?: boolean | undefined;
}

/** The last booking sync of the caller's integration (ADMIN: the one named); 404 when none has run. */
export const readBookingSync = async (
  ports: {
    readonly bookings: {
      getBookingSyncRun(
        owner: IntegrationOwner,
        system: AccountingSystemName,
      ): Promise<BookingSyncRun | undefined>;
    };
  },
  { caller, system, reseller, platform }: ReadBookingSyncInput,
): Promise<BookingSyncRun> => {
  const owner = integrationOwner(caller, { reseller, platform });
  const run = await ports.bookings.getBookingSyncRun(owner, system);
  if (!run) throw notFound('not_found', `No booking sync has run for the ${system} integration`);
  return run;
};
