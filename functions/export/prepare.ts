/** Export saga, first step: the job starts running (packages/app/src/exports/prepare-export.ts). */
import { prepareExport } from '#app/exports/prepare-export';
import type { SagaInput } from '#app/exports/saga';
import { counters } from '#lambda/metrics';
import { workerHandler } from '#lambda/worker-handler';
import { exportStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = workerHandler((input: SagaInput) =>
  prepareExport({ exports: exportStore, clock: systemClock, counters }, input),
);
