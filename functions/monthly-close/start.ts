/**
 * The monthly close's entry: EventBridge Scheduler invokes it at 02:00 Copenhagen time on the 1st,
 * and a person can invoke it for a given month (packages/app/src/monthly-close/start.ts says how).
 */
import { readCloseRequest, startMonthlyClose } from '#app/monthly-close/start';
import { logger } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { executions } from '#wiring/sfn-executions';
import { systemClock } from '#wiring/system';

export const handler = workerHandler(async (event: unknown) => {
  const { started, ...close } = await startMonthlyClose(
    { executions, clock: systemClock },
    readCloseRequest(event),
  );
  if (started) logger.info('Monthly close started', close);
  // The same firing delivered twice: its execution is already running or done.
  else logger.info('Monthly close already started for this firing', { month: close.month, run: close.run });
  return close;
});
