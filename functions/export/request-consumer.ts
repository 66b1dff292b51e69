/**
 * Export requests arrive on the FIFO queue (one message group per reseller and accounting system)
 * and each becomes one execution of the export saga (packages/app/src/exports/start-export.ts).
 */
import { exportRequestMessage } from '#api/export';
import { startExport } from '#app/exports/start-export';
import { log } from '#lambda/observability';
import { queueWorker } from '#lambda/queue-worker';
import { executions } from '#wiring/sfn-executions';

export const handler = queueWorker({
  message: exportRequestMessage,
  handle: async (request) => {
    await startExport({ executions, log }, request);
  },
});
