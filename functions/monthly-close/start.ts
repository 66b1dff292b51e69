/**
 * The monthly close's entry: EventBridge Scheduler invokes it at 02:00 Copenhagen time on the 1st
 * (`{ source, scheduledTime }`), and a person can invoke it for a given month (`{ period: 'YYYY-MM' }`,
 * as `npm run monthly-close -- --period 2026-10` does locally). It works out the month and starts
 * the close's state machine, which fans out over resellers and pages of customers.
 *
 * Why a function in front of the state machine: the month comes from the *scheduled* time in
 * Danish time (a late or retried invocation still closes the right month), a month that has not
 * ended is refused, and the execution is named after the schedule's firing so that Scheduler's
 * at-least-once delivery starts one execution, not two.
 */
import { closedPeriod, parsePeriod, periodEnd } from '#domain/monthly-close/period';
import { logger } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { executions } from '#wiring/sfn-executions';

type CloseRequest = { readonly scheduledTime: string } | { readonly period: string };

/** The schedule's event (`{ source, scheduledTime }`) or a person's (`{ period: 'YYYY-MM' }`). */
const readRequest = (event: unknown): CloseRequest => {
  const given = (event ?? {}) as Record<string, unknown>;
  if (typeof given.period === 'string' && /^\d{4}-\d{2}$/.test(given.period)) return { period: given.period };
  if (
    given.source === 'faktura.monthly-close' &&
    typeof given.scheduledTime === 'string' &&
    !Number.isNaN(Date.parse(given.scheduledTime))
  )
    return { scheduledTime: given.scheduledTime };
  throw new TypeError(
    'Expected { "period": "YYYY-MM" } or the schedule\'s { "source": "faktura.monthly-close", "scheduledTime": … }',
  );
};

export class MonthNotOver extends Error {
  public override readonly name = 'MonthNotOver';
}

export interface CloseStarted {
  readonly month: string;
  readonly run: string;
  readonly executionArn: string;
}

export const handler = workerHandler(async (event: unknown): Promise<CloseStarted> => {
  const request = readRequest(event);
  const period =
    'period' in request ? parsePeriod(request.period) : closedPeriod(new Date(request.scheduledTime));
  if (periodEnd(period).getTime() > Date.now())
    throw new MonthNotOver(
      `${period.month} has not ended yet: it is closed after ${periodEnd(period).toISOString()}`,
    );
  const run =
    'period' in request
      ? `close-${period.month}-manual-${compactTime(new Date())}`
      : `close-${period.month}-${compactTime(new Date(request.scheduledTime))}`;
  const { executionArn, started } = await executions.start('monthly-close', run, { month: period.month });
  if (started) logger.info('Monthly close started', { month: period.month, run, executionArn });
  // The same firing delivered twice: its execution is already running or done.
  else logger.info('Monthly close already started for this firing', { month: period.month, run });
  return { month: period.month, run, executionArn };
});

/** 2026-11-01T01:00:00.000Z → 20261101T010000Z: execution names allow no colons. */
const compactTime = (time: Date): string => time.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
