/**
 * Export saga, on failure: each batch's drafts deleted again (the CompensateBatches Map,
 * packages/app/src/exports/compensate-export-batch.ts), then the job failed
 * (CompensateExport, packages/app/src/exports/compensate-export.ts). One function for both: the
 * same grants and accounting adapters, and which step it is shows in its input (a batch index, or
 * none).
 */

import { type CompensationInput, compensateExport } from '#app/exports/compensate-export';
import { compensateExportBatch } from '#app/exports/compensate-export-batch';
import type { BatchInput } from '#app/exports/saga';
import { counters } from '#lambda/metrics';
import { workerHandler } from '#lambda/worker-handler';
import { accountingFor } from '#wiring/export-accounting';
import { accountingCallStore, exportStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = {
  exports: exportStore,
  accountingFor,
  accountingCalls: accountingCallStore,
  clock: systemClock,
  counters,
};

export const handler = workerHandler(
  async (
    input: CompensationInput | BatchInput,
    context,
  ): Promise<{ deleted: number; left: number } | { deleted: number; alreadyGone: number }> =>
    'batch' in input
      ? compensateExportBatch(ports, input, () => context.getRemainingTimeInMillis())
      : compensateExport(ports, input),
);
