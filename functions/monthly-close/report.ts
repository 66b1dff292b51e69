/**
 * Monthly close, last step: what the run did, in one structured log line (per reseller: invoices
 * created, found already made, customers failed, automatic exports) and as metrics, so that the
 * person on call at month-end sees it on the dashboard and an alarm fires on failures; and an
 * e-mail to each accounting contact whose automatic export was refused, since nobody else would
 * tell them. The execution fails after this step when anything failed, so that it shows red in
 * the console and can be run again (the close is idempotent).
 */
import { logger, metrics } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { closeStore } from '#wiring/store';
import { tellRefusedExports } from './refused-exports.ts';
import { readRun } from './state.ts';

export interface CloseSummary {
  readonly month: string;
  readonly run: string;
  readonly resellers: number;
  readonly invoicesCreated: number;
  readonly invoicesExisted: number;
  readonly customersFailed: number;
  readonly resellersFailed: number;
  readonly exportsQueued: number;
  readonly exportsRefused: number;
  /** E-mails sent to accounting contacts about refused exports (by this attempt of the step). */
  readonly refusalMailsSent: number;
  /** Resellers whose accounting contact could not be e-mailed about a refused export. */
  readonly refusalMailsFailed: number;
  /** customersFailed + resellersFailed + exportsRefused: the state machine fails the run when > 0. */
  readonly failures: number;
}

export const handler = workerHandler(async (event: unknown): Promise<CloseSummary> => {
  const { month, run } = readRun(event);
  const outcomes = await closeStore.listCloseOutcomes(month, run);
  const sum = (count: (outcome: (typeof outcomes)[number]) => number) =>
    outcomes.reduce((total, outcome) => total + count(outcome), 0);
  const exportsWith = (status: string) => sum((o) => o.exports.filter((e) => e.status === status).length);
  const customersFailed = sum((o) => o.tally?.failed ?? 0);
  const resellersFailed = outcomes.filter((o) => o.error !== undefined).length;
  const exportsRefused = exportsWith('refused');
  const refusalMails = await tellRefusedExports(outcomes);
  const summary: CloseSummary = {
    month,
    run,
    resellers: outcomes.length,
    invoicesCreated: sum((o) => o.tally?.created ?? 0),
    invoicesExisted: sum((o) => o.tally?.existed ?? 0),
    customersFailed,
    resellersFailed,
    exportsQueued: exportsWith('queued'),
    exportsRefused,
    refusalMailsSent: refusalMails.sent,
    refusalMailsFailed: refusalMails.failed,
    failures: customersFailed + resellersFailed + exportsRefused,
  };
  const perReseller = outcomes.map((o) => ({
    reseller: o.reseller,
    created: o.tally?.created ?? 0,
    existed: o.tally?.existed ?? 0,
    nothingBilled: o.tally?.nothingBilled ?? 0,
    failed: o.tally?.failed ?? 0,
    failures: o.tally?.failures ?? [],
    exports: o.exports,
    ...(o.error ? { error: o.error } : {}),
  }));
  const log = summary.failures > 0 ? logger.error.bind(logger) : logger.info.bind(logger);
  log('Monthly close finished', { monthlyClose: summary, resellers: perReseller });
  metrics.addMetric('MonthlyCloseInvoicesCreated', 'Count', summary.invoicesCreated);
  metrics.addMetric('MonthlyCloseFailures', 'Count', summary.failures);
  metrics.addMetric('MonthlyCloseExportsQueued', 'Count', summary.exportsQueued);
  return summary;
});
