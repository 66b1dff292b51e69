/**
 * Export requests arrive on the FIFO queue (one message group per reseller and accounting system)
 * and each becomes one execution of the export saga. The execution is named after the export job,
 * so a redelivered message finds its execution already started instead of starting a second one.
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { logger } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';

const sfn = new SFNClient({});

const exportRequest = z.object({
  exportId: z.string().regex(/^[0-9a-f]{24}$/),
  reseller: z.string().regex(/^[0-9a-f]{24}$/),
  system: z.enum(['economic', 'uniconta']),
});

const startExport = async (record: SQSRecord): Promise<void> => {
  const request = exportRequest.parse(JSON.parse(record.body));
  try {
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: process.env.EXPORT_STATE_MACHINE_ARN,
        name: request.exportId,
        input: JSON.stringify(request),
      }),
    );
  } catch (error) {
    // Step Functions answers a repeated name with the running execution (same input), or with
    // ExecutionAlreadyExists once it has finished or when the input differs. Either way this
    // export job already has its one execution: a redelivered message must not start another.
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
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
