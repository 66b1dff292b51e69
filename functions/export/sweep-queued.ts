/**
 * The sweeper of exports that never started (EventBridge Scheduler, every few minutes). An export
 * job is written first and its queue message sent after; a crash between the two, a send that was
 * lost, or a queue that lost its messages leaves a job `queued` with nothing to start it, and its
 * month refused (409) until the lock expires. Nothing may stay `queued`:
 *
 * - a job still `queued` (the saga's first step moves it to `running`, prepare.ts) whose message
 *   went out longer ago than `startWithinSeconds` gets its message again, `requeued` counting how
 *   often. Safe even when the first message was only slow: the consumer names the saga's execution
 *   after the export, so a second message finds the execution and starts nothing
 *   (request-consumer.ts);
 * - after `maxRequeues` sends it is failed, its month freed, with a reason that says so.
 *
 * The jobs come from a sparse index that holds only the `queued` ones: a sweep costs one query.
 */
import type { ExportJob } from '#domain/export-job';
import { logger, metrics } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { exportQueue } from '#wiring/sqs-export-queue';
import { exportStore } from '#wiring/store';

export interface SweepInput {
  /** How long a job may wait for its saga after its message went out (default 180 s). */
  readonly startWithinSeconds?: number;
}

export interface SweepResult {
  readonly requeued: number;
  readonly failed: number;
}

/** Sends after the first: with the schedule's pace, a job is failed some 15 minutes after it was queued. */
export const maxRequeues = 3;
const defaultStartWithinSeconds = 180;
const jobsPerSweep = 100;

export const neverStartedReason = (requeued: number): string =>
  `The export never started: its request was queued ${requeued + 1} times and no run took it up`;

const sweepOne = async (job: ExportJob, now: string): Promise<'requeued' | 'failed' | 'gone'> => {
  const requeued = job.requeued ?? 0;
  if (requeued < maxRequeues) {
    // Counted before it is sent: a send that fails is tried by the next sweep, and the count keeps
    // the number of tries bounded whatever happens.
    if (!(await exportStore.recordExportRequeue(job, now))) return 'gone';
    await exportQueue.sendExportRequest(job, requeued + 1);
    logger.warn('Export had not started: its request is queued again', {
      exportId: job.id,
      reseller: job.reseller,
      requeued: requeued + 1,
    });
    return 'requeued';
  }
  const failed = await exportStore.finishExportJob(job, ['queued'], {
    status: 'failed',
    failure: { reason: neverStartedReason(requeued) },
    finishedAt: now,
  });
  if (!failed) return 'gone';
  logger.error('Export never started: failed, its month freed', { exportId: job.id, reseller: job.reseller });
  return 'failed';
};

export const handler = workerHandler(async (input: SweepInput | undefined): Promise<SweepResult> => {
  const startWithin = input?.startWithinSeconds ?? defaultStartWithinSeconds;
  const now = new Date();
  const waitingSince = new Date(now.getTime() - startWithin * 1000).toISOString();
  const jobs = await exportStore.queuedExportsWaitingSince(waitingSince, jobsPerSweep);
  const outcomes = await Promise.allSettled(jobs.map((job) => sweepOne(job, now.toISOString())));
  const count = (outcome: string) =>
    outcomes.filter((each) => each.status === 'fulfilled' && each.value === outcome).length;
  const result = { requeued: count('requeued'), failed: count('failed') };
  metrics.addMetric('ExportsRequeued', 'Count', result.requeued);
  metrics.addMetric('ExportsNeverStarted', 'Count', result.failed);
  const errors = outcomes.filter((each) => each.status === 'rejected');
  if (errors.length > 0) {
    // Thrown so that the function's error alarm sees it; the jobs left are the next sweep's.
    throw new AggregateError(
      errors.map((each) => (each as PromiseRejectedResult).reason),
      `${errors.length} waiting export(s) could not be swept`,
    );
  }
  return result;
});
