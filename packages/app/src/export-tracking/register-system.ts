import type { Clock } from '#app/ports/clock';
import { type ExportSystem, ExportSystemLimitReached } from '#app/ports/store';
import { systemLimitReached } from '#domain/export-tracking/systems';
import type { ExportSystemStore } from './ports.ts';

export interface RegisterSystemPorts {
  readonly exportSystems: Pick<ExportSystemStore, 'registerExportSystem'>;
  readonly clock: Clock;
}

/**
 * A system is registered the first time it asks or marks; the one too many is refused (422) under
 * `key`, the request's own name for the system.
 */
export const registerSystem = async (
  { exportSystems, clock }: RegisterSystemPorts,
  reseller: string,
  system: string,
  key: string,
): Promise<ExportSystem> => {
  try {
    return await exportSystems.registerExportSystem(reseller, system, clock.now());
  } catch (error) {
    if (error instanceof ExportSystemLimitReached) throw systemLimitReached(key);
    throw error;
  }
};
