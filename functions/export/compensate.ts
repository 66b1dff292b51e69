/** Export saga, on failure: every draft made is deleted again (packages/app/src/exports/compensate-export.ts). */
import { type CompensationInput, compensateExport } from '#app/exports/compensate-export';
import { counters } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { accountingFor } from '#wiring/export-accounting';
import { accountingCallStore, exportStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = workerHandler((input: CompensationInput) =>
  compensateExport(
    {
      exports: exportStore,
      accountingFor,
      accountingCalls: accountingCallStore,
      clock: systemClock,
      counters,
    },
    input,
  ),
);
