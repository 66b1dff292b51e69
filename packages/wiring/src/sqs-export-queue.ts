/**
 * The export request queue on SQS: the consumer (functions/export/request-consumer.ts) turns each
 * message into the export's one saga execution, named after the export. Sent when an export is
 * accepted, and again by the sweeper for a job that never started.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ExportQueue } from '#app/ports/export-queue';

export const sqsExportQueue = (sqs: SQSClient, queueUrl: () => string | undefined): ExportQueue => ({
  async sendExportRequest(job, attempt = 0) {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl(),
        MessageBody: JSON.stringify({ exportId: job.id, reseller: job.reseller, system: job.system }),
        // One group per reseller and system: its exports run one after the other.
        MessageGroupId: `${job.reseller}#${job.system}`,
        // A re-send needs an id of its own, or FIFO would drop it as the first one's duplicate.
        MessageDeduplicationId: attempt === 0 ? job.id : `${job.id}-requeue-${attempt}`,
      }),
    );
  },
});

/** One client per Lambda container, so that its connection is reused across invocations. */
export const exportQueue: ExportQueue = sqsExportQueue(new SQSClient({}), () => process.env.EXPORT_QUEUE_URL);
