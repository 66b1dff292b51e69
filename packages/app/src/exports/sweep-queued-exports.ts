/**
 * The sweep of exports that never started. An export job is written first and its queue message
 * sent after; a crash between the two, a send that was lost, or a queue that lost its messages
 * leaves a job `queued` with nothing to start it, and its month refused (409). Nothing may stay
 * `queued`:
 *
 * - a job still `queued` (prepare-export.ts moves it to `running`) whose message went out longer
 *   ago than `startWithinSeconds` gets its message again, `requeued` counting how often. Safe even
 *   when the first message was only slow: the saga's execution is named after the export, so a
 *   second message finds the execution and starts nothing (start-export.ts);
 * - after `maxRequeues` sends it is failed, its month freed, with a reason that says so.
 */

import type { Clock } from '#app/ports/clock';
import type { ExportQueue } from '#app/ports/export-queue';
import type { ExportJobStore, QueuedExportStore } from '#app/ports/export-store';
import type { Counters, Log } from '#app/ports/observability';
import type { ExportJob } from '#domain/export-job';

export interface SweepInput {
  /** How long a job may wait for its saga after its message went out (default 180 s). */
  readonly startWithinSeconds?: number;
}

export interface SweepResult {
  readonly requeued: number;
  readonly failed: number;
}

export interface SweepPorts {
  readonly exports: QueuedExportStore & Pick<ExportJobStore, 'finishExportJob'>;
  readonly queue: ExportQueue;
  readonly clock: Clock;
  readonly log: Log;
  readonly counters: Counters;
}

/** Sends after the first: with the schedule's pace, a job is failed some 15 minutes after it was queued. */
export const maxRequeues = 3;
const defaultStartWithinSeconds = 180;
const jobsPerSweep = 100;

export const neverStartedReason = (requeued: number): string =>
  `The export never started: its request was queued ${requeued + 1} times and no run took it up`;

const sweepOne = async (
  { exports, queue, log }: SweepPorts,
  job: ExportJob,
  now: string,
): Promise<'requeued' | 'failed' | 'gone'> => {
  const requeued = job.requeued ?? 0;
  if (requeued < maxRequeues) {
    // Counted before it is sent: a send that fails is tried by the next sweep, and the count keeps
    // the number of tries bounded whatever happens.
    if (!(await exports.recordExportRequeue(job, now))) return 'gone';
    await queue.sendExportRequest(job, requeued + 1);
    log.warn('Export had not started: its request is queued again', {
      exportId: job.id,
      reseller: job.reseller,
      requeued: requeued + 1,
    });
    return 'requeued';
  }
  const failed = await exports.finishExportJob(job, ['queued'], {
    status: 'failed',
    failure: { reason: neverStartedReason(requeued) },
    finishedAt: now,
  });
  if (!failed) return 'gone';
  log.error('Export never started: failed, its month freed', { exportId: job.id, reseller: job.reseller });
  return 'failed';
};

/** Throws an AggregateError when some jobs could not be swept (the function's error alarm sees it); the rest are done. */
export const sweepQueuedExports = async (
  ports: SweepPorts,
  input: SweepInput | undefined,
): Promise<SweepResult> => {
  const startWithin = input?.startWithinSeconds ?? defaultStartWithinSeconds;
  const now = ports.clock.now();
  const waitingSince = new Date(now.getTime() - startWithin * 1000).toISOString();
  const jobs = await ports.exports.queuedExportsWaitingSince(waitingSince, jobsPerSweep);
  const outcomes = await Promise.allSettled(jobs.map((job) => sweepOne(ports, job, now.toISOString())));
  const count = (outcome: string) =>
    outcomes.filter((each) => each.status === 'fulfilled' && each.value === outcome).length;
  const result = { requeued: count('requeued'), failed: count('failed') };
  ports.counters.count('ExportsRequeued', result.requeued);
  ports.counters.count('ExportsNeverStarted', result.failed);
  const errors = outcomes.filter((each) => each.status === 'rejected');
  if (errors.length > 0) {
    throw new AggregateError(
      errors.map((each) => (each as PromiseRejectedResult).reason),
      `${errors.length} waiting export(s) could not be swept`,
    );
  }
  return result;
};
