/**
 * The export request queue on SQS: the consumer (functions/export/request-consumer.ts) turns each
 * message into the export's one saga execution, named after the export. Sent when an export is
 * accepted (the API's; the monthly close's are sent by its state machine, deferred-export-queue.ts),
 * and again by the sweeper for a job that never started.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ExportQueue } from '#app/ports/export-queue';
import { exportRequestMessage } from './export-request-message.ts';

export const sqsExportQueue = (sqs: SQSClient, queueUrl: () => string | undefined): ExportQueue => ({
  async sendExportRequest(job, attempt = 0) {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl(), ...exportRequestMessage(job, attempt) }));
  },
});

/** One client per Lambda container, so that its connection is reused across invocations. */
export const exportQueue: ExportQueue = sqsExportQueue(new SQSClient({}), () => process.env.EXPORT_QUEUE_URL);
