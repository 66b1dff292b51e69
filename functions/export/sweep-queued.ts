/**
 * The sweeper of exports that never started (EventBridge Scheduler, every few minutes):
 * packages/app/src/exports/sweep-queued-exports.ts.
 */
import { type SweepInput, sweepQueuedExports } from '#app/exports/sweep-queued-exports';
import { counters } from '#lambda/metrics';
import { log } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { exportQueue } from '#wiring/sqs-export-queue';
import { exportStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = { exports: exportStore, queue: exportQueue, clock: systemClock, log, counters };

export const handler = workerHandler((input: SweepInput | undefined) => sweepQueuedExports(ports, input));
