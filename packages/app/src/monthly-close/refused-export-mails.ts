/**
 * Tells each reseller's accounting contact about the automatic exports the close could not start.
 * Nobody asked for those exports, so nobody would otherwise learn before the books came up a month
 * short. One e-mail per refused system, in the reseller's language; once per run, however often
 * the report step is retried (the outcome records it). An e-mail that cannot be sent is logged and
 * counted, and does not stop the report: the refusal is already in its log line and alarm.
 */
import type { Clock } from '#app/ports/clock';
import type { Mailer } from '#app/ports/mailer';
import type { AutoExportOutcome, CloseOutcome } from '#app/ports/store';
import { periodInvoiceDate } from '#domain/monthly-close/period';
import { refusedExportReport } from '#domain/monthly-close/refused-export-report';
import type { CloseLog, CloseStore, ResellerLookup } from './ports.ts';

export interface RefusalMailTally {
  readonly sent: number;
  readonly failed: number;
}

export interface RefusalMailPorts {
  readonly closes: Pick<CloseStore, 'markRefusalsNotified'>;
  readonly resellers: ResellerLookup;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly log: CloseLog;
}

type RefusedExportOutcome = AutoExportOutcome & {
  readonly problem: NonNullable<AutoExportOutcome['problem']>;
};

const refusedExportsOf = (outcome: CloseOutcome): RefusedExportOutcome[] =>
  outcome.exports.filter(
    (entry): entry is RefusedExportOutcome => entry.status === 'refused' && entry.problem !== undefined,
  );

/** Resellers told at once: each is a few store and SES calls, and the step must end well in time. */
const lanes = 4;

export const tellRefusedExports = async (
  ports: RefusalMailPorts,
  outcomes: readonly CloseOutcome[],
): Promise<RefusalMailTally> => {
  const toTell = outcomes.filter(
    (outcome) => !outcome.refusalsNotifiedAt && refusedExportsOf(outcome).length > 0,
  );
  let sent = 0;
  let failed = 0;
  let next = 0;
  // Every reseller is tried: one that cannot be told is counted, and the others still are.
  const lane = async (): Promise<void> => {
    while (next < toTell.length) {
      const outcome = toTell[next]!;
      next += 1;
      try {
        // Awaited first: `sent += await …` would read `sent` before the other lanes add to it.
        const told = await tellReseller(ports, outcome);
        sent += told;
      } catch (error) {
        failed += 1;
        ports.log.error('Could not e-mail the refused automatic export', {
          reseller: outcome.reseller,
          month: outcome.month,
          error: error as Error,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, toTell.length) }, lane));
  return { sent, failed };
};

const tellReseller = async (ports: RefusalMailPorts, outcome: CloseOutcome): Promise<number> => {
  const reseller = await ports.resellers.getReseller(outcome.reseller);
  const to = reseller?.finance.accountingEmail;
  if (!reseller || !to) {
    ports.log.warn('Nobody to tell that the automatic export was refused', { reseller: outcome.reseller });
    return 0;
  }
  const refused = refusedExportsOf(outcome);
  for (const entry of refused) {
    const report = refusedExportReport(
      {
        system: entry.system,
        month: outcome.month,
        invoiceDate: periodInvoiceDate(outcome.month),
        problem: entry.problem,
      },
      { name: reseller.name, language: reseller.language },
      outcome.run,
    );
    await ports.mailer.send({ to: [to], ...report });
  }
  await ports.closes.markRefusalsNotified(outcome, ports.clock.now().toISOString());
  return refused.length;
};
