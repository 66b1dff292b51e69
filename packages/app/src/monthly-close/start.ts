/**
 * The monthly close's start: EventBridge Scheduler fires at 02:00 Copenhagen time on the 1st
 * (`{ source, scheduledTime }`), and a person can ask for a given month (`{ period: 'YYYY-MM' }`,
 * as `npm run monthly-close -- --period 2026-10` does locally). It works out the month and starts
 * the close's state machine, which fans out over resellers and pages of customers.
 *
 * Why a step in front of the state machine: the month comes from the *scheduled* time in Danish
 * time (a late or retried invocation still closes the right month), a month that has not ended is
 * refused, and the execution is named after the schedule's firing so that Scheduler's at-least-once
 * delivery starts one execution, not two.
 */
import type { Clock } from '#app/ports/clock';
import type { Executions } from '#app/ports/executions';
import { closeRunName, closeScheduleSource } from '#domain/monthly-close/close-run';
import { closedPeriod, isMonthForm, parsePeriod, periodEnd } from '#domain/monthly-close/period';

export type CloseRequest = { readonly scheduledTime: string } | { readonly period: string };

/** The schedule's event (`{ source, scheduledTime }`) or a person's (`{ period: 'YYYY-MM' }`). */
export const readCloseRequest = (event: unknown): CloseRequest => {
  const given = (event ?? {}) as Record<string, unknown>;
  if (isMonthForm(given.period)) return { period: given.period };
  if (
    given.source === closeScheduleSource &&
    typeof given.scheduledTime === 'string' &&
    !Number.isNaN(Date.parse(given.scheduledTime))
  )
    return { scheduledTime: given.scheduledTime };
  throw new TypeError(
    `Expected { "period": "YYYY-MM" } or the schedule's { "source": "${closeScheduleSource}", "scheduledTime": … }`,
  );
};

export class MonthNotOver extends Error {
  public override readonly name = 'MonthNotOver';
}

export interface CloseStarted {
  readonly month: string;
  readonly run: string;
  readonly executionArn: string;
  /** False when this firing's execution already existed: a redelivery, nothing started. */
  readonly started: boolean;
}

export interface StartClosePorts {
  readonly executions: Executions;
  readonly clock: Clock;
}

export const startMonthlyClose = async (
  { executions, clock }: StartClosePorts,
  request: CloseRequest,
): Promise<CloseStarted> => {
  const now = clock.now();
  const period =
    'period' in request ? parsePeriod(request.period) : closedPeriod(new Date(request.scheduledTime));
  if (periodEnd(period).getTime() > now.getTime())
    throw new MonthNotOver(
      `${period.month} has not ended yet: it is closed after ${periodEnd(period).toISOString()}`,
    );
  const run = closeRunName(
    period,
    'period' in request ? { askedAt: now } : { scheduledTime: new Date(request.scheduledTime) },
  );
  const { executionArn, started } = await executions.start('monthly-close', run, { month: period.month });
  return { month: period.month, run, executionArn, started };
};
