/**
 * The systems that pull a reseller's invoices through export tracking: what counts against its
 * limit, and retiring one to free its place. Its marks stay on the invoices (they are their
 * history): if it asks again, it is registered anew and lists every invoice it never marked.
 */
import type { Caller } from '#domain/caller';
import { maxExportSystems, trackedReseller } from '#domain/export-tracking/systems';
import { notFound } from '#domain/refusal';
import type { ExportSystemStore } from './ports.ts';

export interface SystemsPorts {
  readonly exportSystems: ExportSystemStore;
}

export interface RegisteredSystems {
  readonly systems: readonly { readonly system_id: string; readonly registered_at: string }[];
  readonly limit: number;
}

/** The reseller's systems, oldest first, and how many it may have. */
export const listSystems = async (
  { exportSystems }: SystemsPorts,
  caller: Caller,
  named: string | undefined,
): Promise<RegisteredSystems> => {
  const systems = await exportSystems.listExportSystems(trackedReseller(caller, named));
  return {
    systems: systems.map((system) => ({ system_id: system.name, registered_at: system.registeredAt })),
    limit: maxExportSystems,
  };
};

/** Retires one of the reseller's systems; a system it does not have is 404 `system_id`. */
export const retireSystem = async (
  { exportSystems }: SystemsPorts,
  caller: Caller,
  request: { readonly system: string; readonly reseller?: string },
): Promise<void> => {
  const reseller = trackedReseller(caller, request.reseller);
  if (!(await exportSystems.retireExportSystem(reseller, request.system)))
    throw notFound('system_id', `No system ${request.system} pulls this reseller’s invoices`);
};
