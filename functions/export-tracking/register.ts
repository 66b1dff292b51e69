import { type ExportSystem, ExportSystemLimitReached, maxExportSystems } from '#app/ports/store';
import type { Caller } from '#lambda/caller';
import { accessDenied, invalid } from '#lambda/errors';
import { exportSystemStore } from '#wiring/store';

/** Whose systems: the caller's own tenant, or for an ADMIN the one it names. */
export const resellerOf = (caller: Caller, named: string | undefined): string => {
  if (caller.role !== 'ADMIN' && named && named !== caller.reseller) throw accessDenied();
  const reseller = caller.role === 'ADMIN' ? named : caller.reseller;
  if (!reseller) throw invalid('reseller', 'ADMIN must name the reseller');
  return reseller;
};

/** The refusal of one system too many, under the request's own key for the system. */
export const systemLimitReached = (key: string) =>
  invalid(
    key,
    `At most ${maxExportSystems} systems can pull a reseller's invoices; retire one first (DELETE /invoices/export/systems)`,
  );

/** A system is registered the first time it asks or marks; the one too many is a 422 under `key`. */
export const registerSystem = async (
  reseller: string,
  system: string,
  key: string,
): Promise<ExportSystem> => {
  try {
    return await exportSystemStore.registerExportSystem(reseller, system);
  } catch (error) {
    if (error instanceof ExportSystemLimitReached) throw systemLimitReached(key);
    throw error;
  }
};
