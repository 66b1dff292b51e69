/**
 * Monthly close, the end of one reseller's iteration: its automatic exports, then its outcome for
 * the run's report (packages/app/src/exports/finish-reseller-close.ts).
 */
import { finishResellerClose } from '#app/exports/finish-reseller-close';
import { type ResellerCloseState, readRun } from '#app/monthly-close/close-state';
import { workerHandler } from '#lambda/worker-handler';
import { acceptExportPorts } from '#wiring/export-ports';
import { closeStore } from '#wiring/store';

const ports = { ...acceptExportPorts, closes: closeStore };

export const handler = workerHandler(
  async (event: unknown): Promise<{ recorded: true }> =>
    finishResellerClose(ports, readRun<ResellerCloseState>(event, ['reseller'])),
);
