/**
 * Monthly close, the end of one reseller's iteration: its automatic exports, then its outcome for
 * the run's report (packages/app/src/exports/finish-reseller-close.ts).
 *
 * The export requests it accepts are not sent from here: they are its answer, and the close's state
 * machine sends each to the export request queue (`QueueAutoExports`,
 * infra/constructs/monthly-close-machine.ts). Why: without SQS's client this function stays within
 * a worker's 300 KB (docs/performance.md); a request the state machine cannot send is the sweeper's
 * (packages/wiring/src/deferred-export-queue.ts).
 */
import { finishResellerClose } from '#app/exports/finish-reseller-close';
import { type ResellerCloseState, readRun } from '#app/monthly-close/close-state';
import { workerHandler } from '#lambda/worker-handler';
import { deferredExportQueue } from '#wiring/deferred-export-queue';
import { acceptExportPortsWith } from '#wiring/export-ports';
import type { ExportRequestMessage } from '#wiring/export-request-message';
import { closeStore } from '#wiring/store';

export interface FinishResellerAnswer {
  readonly recorded: true;
  /** The accepted automatic exports' messages, for the state machine to send. */
  readonly exportRequests: readonly ExportRequestMessage[];
}

export const handler = workerHandler(async (event: unknown): Promise<FinishResellerAnswer> => {
  const queue = deferredExportQueue();
  await finishResellerClose(
    { ...acceptExportPortsWith(queue), closes: closeStore },
    readRun<ResellerCloseState>(event, ['reseller']),
  );
  return { recorded: true, exportRequests: queue.messages };
});
