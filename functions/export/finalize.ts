/** Export saga, on success: the invoices are marked exported (packages/app/src/exports/finalize-export.ts). */
import { finalizeExport } from '#app/exports/finalize-export';
import type { SagaInput } from '#app/exports/saga';
import { counters } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { exportStore, markStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = workerHandler((input: SagaInput) =>
  finalizeExport({ exports: exportStore, marks: markStore, clock: systemClock, counters }, input),
);
