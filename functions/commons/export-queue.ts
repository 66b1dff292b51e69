/**
 * The export request message: what the consumer (functions/export/request-consumer.ts) turns into
 * the export's one saga execution, named after the export. Sent when an export is accepted, and
 * again by the sweeper for a job that never started (functions/export/sweep-queued.ts).
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ExportJob } from '#domain/export-job';

const sqs = new SQSClient({});

/**
 * `attempt` 0 is the first message; a later one needs a deduplication id of its own, or the FIFO
 * queue would drop it as the first one's duplicate for five minutes.
 */
export const sendExportRequest = async (
  job: Pick<ExportJob, 'id' | 'reseller' | 'system'>,
  attempt = 0,
): Promise<void> => {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: process.env.EXPORT_QUEUE_URL,
      MessageBody: JSON.stringify({ exportId: job.id, reseller: job.reseller, system: job.system }),
      MessageGroupId: `${job.reseller}#${job.system}`,
      MessageDeduplicationId: attempt === 0 ? job.id : `${job.id}-requeue-${attempt}`,
    }),
  );
};
