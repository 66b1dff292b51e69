import type { BillingPeriod } from './period.ts';

/**
 * The `source` of the schedule's event (infra/constructs/monthly-close-schedule.ts sends it): what
 * tells the close's start a firing from any other event.
 */
export const closeScheduleSource = 'faktura.monthly-close';

/**
 * The name of a monthly-close execution. A scheduled close is named after the schedule's firing,
 * so that Scheduler's at-least-once delivery starts one execution, not two; a person's close after
 * the moment it was asked for, so that asking again runs the close again (it is idempotent).
 */
export const closeRunName = (
  period: BillingPeriod,
  firing: { readonly scheduledTime: Date } | { readonly askedAt: Date },
): string =>
  'scheduledTime' in firing
    ? `close-${period.month}-${compactTime(firing.scheduledTime)}`
    : `close-${period.month}-manual-${compactTime(firing.askedAt)}`;

/** 2026-11-01T01:00:00.000Z → 20261101T010000Z: execution names allow no colons. */
const compactTime = (time: Date): string => time.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
