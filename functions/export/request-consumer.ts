/**
 * Export requests arrive on the FIFO queue (one message group per reseller and accounting system)
 * and each becomes one execution of the export saga (packages/app/src/exports/start-export.ts).
 */
import { startExport } from '#app/exports/start-export';
import { readExportRequestMessage } from '#domain/export-request-message';
import { log } from '#lambda/observability';
import { queueWorker } from '#lambda/queue-worker';
import { executions } from '#wiring/sfn-executions';

export const handler = queueWorker({
  message: readExportRequestMessage,
  handle: async (request) => {
    await startExport({ executions, log }, request);
  },
});
