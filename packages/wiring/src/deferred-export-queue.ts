/**
 * An export queue that keeps its messages for the caller to send: the monthly close's FinishReseller
 * step answers them and its state machine sends each to the export request queue (an
 * `sqs:sendMessage` Task, infra/constructs/monthly-close-machine.ts). Why: the step then holds no
 * SQS client, which kept its bundle over the 300 KB a worker may weigh (docs/performance.md).
 *
 * A message the state machine could not send leaves its job `queued` without one, as a crash
 * between recording a job and queueing it does: the sweeper sends it
 * (packages/app/src/exports/sweep-queued-exports.ts).
 */
import type { ExportQueue } from '#app/ports/export-queue';
import { type ExportRequestMessage, exportRequestMessage } from './export-request-message.ts';

export interface DeferredExportQueue extends ExportQueue {
  /** The messages "sent", in order, for the state machine to send. */
  readonly messages: readonly ExportRequestMessage[];
}

/** A new one per invocation: its messages are that invocation's answer. */
export const deferredExportQueue = (): DeferredExportQueue => {
  const messages: ExportRequestMessage[] = [];
  return {
    messages,
    async sendExportRequest(job, attempt = 0) {
      messages.push(exportRequestMessage(job, attempt));
    },
  };
};
