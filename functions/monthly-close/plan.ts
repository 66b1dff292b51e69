/** Monthly close, first step: which resellers to close (packages/app/src/monthly-close/plan.ts). */
import { type CloseRun, readRun } from '#app/monthly-close/close-state';
import { planClose } from '#app/monthly-close/plan';
import { workerHandler } from '#lambda/worker-handler';
import { resellerStore } from '#wiring/store';

export const handler = workerHandler(async (event: unknown) =>
  planClose({ resellers: resellerStore }, readRun<CloseRun>(event)),
);
