/**
 * Export requests arrive on the FIFO queue (one message group per reseller and accounting system)
 * and each becomes one execution of the export saga. The execution is named after the export job,
 * so a redelivered message finds its execution already started instead of starting a second one.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { logger } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { executions } from '#wiring/sfn-executions';

const exportRequest = z.object({
  exportId: z.string().regex(/^[0-9a-f]{24}$/),
  reseller: z.string().regex(/^[0-9a-f]{24}$/),
  system: z.enum(['economic', 'uniconta']),
});

const startExport = async (record: SQSRecord): Promise<void> => {
  const request = exportRequest.parse(JSON.parse(record.body));
  const { started } = await executions.start('export', request.exportId, request);
  if (!started) {
    // This export job already has its one execution: the message was a redelivery.
    logger.info('Export execution already exists; message was a redelivery', { exportId: request.exportId });
  }
};

export const handler = workerHandler(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  const failedGroups = new Set<string>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? '';
    // FIFO order within a group: once a message fails, the later ones of its group wait too.
    if (failedGroups.has(group)) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      await startExport(record);
    } catch (error) {
      logger.error('Export request could not be started', {
        messageId: record.messageId,
        error: error as Error,
      });
      failedGroups.add(group);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});
