/**
 * The export request queue's message for a job, in SendMessage's own terms: the body its consumer
 * reads (functions/export/request-consumer.ts), its FIFO group and its deduplication id. One
 * definition for the two senders: the SQS client (sqs-export-queue.ts) and the monthly close's
 * state machine, which sends what its FinishReseller step answers (deferred-export-queue.ts).
 */
import type { ExportJob } from '#domain/export-job';

export interface ExportRequestMessage {
  readonly MessageBody: string;
  readonly MessageGroupId: string;
  readonly MessageDeduplicationId: string;
}

export const exportRequestMessage = (
  job: Pick<ExportJob, 'id' | 'reseller' | 'system'>,
  attempt = 0,
): ExportRequestMessage => ({
  MessageBody: JSON.stringify({ exportId: job.id, reseller: job.reseller, system: job.system }),
  // One group per reseller and system: its exports run one after the other.
  MessageGroupId: `${job.reseller}#${job.system}`,
  // A re-send needs an id of its own, or FIFO would drop it as the first one's duplicate.
  MessageDeduplicationId: attempt === 0 ? job.id : `${job.id}-requeue-${attempt}`,
});
