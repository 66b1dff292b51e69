/**
 * Monthly close, the step the run loops on: the next page of resellers, in groups
 * (packages/app/src/monthly-close/plan.ts).
 */
import { readRun } from '#app/monthly-close/close-state';
import { type PlanCloseState, planClose } from '#app/monthly-close/plan';
import { workerHandler } from '#lambda/worker-handler';
import { resellerListingStore } from '#wiring/store';

export const handler = workerHandler(async (event: unknown) =>
  planClose({ resellers: resellerListingStore }, readRun<PlanCloseState>(event)),
);
