/**
 * Export saga, on success: each batch's invoices are marked exported (the MarkExportBatch state,
 * packages/app/src/exports/mark-export-batch.ts), then the job succeeds (FinalizeExport,
 * packages/app/src/exports/finalize-export.ts). One function for both: the same grants, the same
 * store, and which step it is shows in its input (a batch index, or none).
 */
import { finalizeExport } from '#app/exports/finalize-export';
import { markExportBatch } from '#app/exports/mark-export-batch';
import type { BatchInput, SagaInput } from '#app/exports/saga';
import { counters } from '#lambda/metrics';
import { workerHandler } from '#lambda/worker-handler';
import { exportStore, exportSystemStore, markStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export const handler = workerHandler(
  async (input: SagaInput | BatchInput): Promise<{ marked: number } | { succeeded: boolean }> =>
    'batch' in input
      ? markExportBatch({ exports: exportStore, marks: markStore, exportSystems: exportSystemStore }, input)
      : finalizeExport({ exports: exportStore, clock: systemClock, counters }, input),
);
