/**
 * Monthly close, last step: what the run did, summed over its resellers (invoices created, found
 * already made, customers failed, automatic exports), for the log line, the metrics and the state
 * machine's Outcome choice; and an e-mail to each accounting contact whose automatic export was
 * refused, since nobody else would tell them. The execution fails after this step when anything
 * failed, so that it shows red in the console and can be run again (the close is idempotent).
 */

import type { Clock } from '#app/ports/clock';
import type { Mailer } from '#app/ports/mailer';
import type { Log } from '#app/ports/observability';
import type { CloseOutcome, CloseTally } from '#app/ports/store';
import { type RefusalMailTally, tellRefusedExports } from '../exports/tell-refused-exports.ts';
import { type CloseRun, emptyTally } from './close-state.ts';
import type { CloseStore, ResellerLookup } from './ports.ts';

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

/** One reseller's part of the run, as the report's log line lists it. */
export interface ResellerReport extends CloseTally {
  readonly reseller: string;
  readonly exports: CloseOutcome['exports'];
  readonly error?: string;
}

export interface CloseReport {
  readonly summary: CloseSummary;
  readonly resellers: readonly ResellerReport[];
}

export interface ReportClosePorts {
  readonly closes: CloseStore;
  readonly resellers: ResellerLookup;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly log: Log;
}

export const reportClose = async (
  ports: ReportClosePorts,
  { month, run }: CloseRun,
): Promise<CloseReport> => {
  const outcomes = await ports.closes.listCloseOutcomes(month, run);
  const refusalMails = await tellRefusedExports(ports, outcomes);
  return { summary: summed(month, run, outcomes, refusalMails), resellers: outcomes.map(resellerReport) };
};

const summed = (
  month: string,
  run: string,
  outcomes: readonly CloseOutcome[],
  refusalMails: RefusalMailTally,
): CloseSummary => {
  const sum = (count: (outcome: CloseOutcome) => number) =>
    outcomes.reduce((total, outcome) => total + count(outcome), 0);
  const exportsWith = (status: string) => sum((o) => o.exports.filter((e) => e.status === status).length);
  const customersFailed = sum((o) => o.tally?.failed ?? 0);
  const resellersFailed = outcomes.filter((o) => o.error !== undefined).length;
  const exportsRefused = exportsWith('refused');
  return {
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
};

/** A reseller whose close stopped before its customers were tallied counts as an empty tally. */
const resellerReport = ({ reseller, tally = emptyTally, exports, error }: CloseOutcome): ResellerReport => ({
  reseller,
  created: tally.created,
  existed: tally.existed,
  nothingBilled: tally.nothingBilled,
  failed: tally.failed,
  failures: tally.failures,
  exports,
  ...(error ? { error } : {}),
});
