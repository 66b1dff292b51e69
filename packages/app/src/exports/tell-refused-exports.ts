/**
 * Tells each reseller's accounting contact about the automatic exports the close could not start.
 * Nobody asked for those exports, so nobody would otherwise learn before the books came up a month
 * short. One e-mail per refused system, in the reseller's language; once per run, however often
 * the report step is retried (the outcome records it). An e-mail that cannot be sent is logged and
 * counted, and does not stop the report: the refusal is already in its log line and alarm.
 */

import type { Clock } from '#app/ports/clock';
import type {
  AutoExportOutcome,
  CloseOutcome,
  CloseOutcomeStore,
  ResellerReader,
} from '#app/ports/export-store';
import type { Mailer } from '#app/ports/mailer';
import type { Log } from '#app/ports/observability';
import { periodInvoiceDate } from '#domain/monthly-close/period';
import { refusedExportReport } from '#domain/monthly-close/refused-export-report';
import { forEachBounded } from '../bounded.ts';

export interface RefusalMailTally {
  readonly sent: number;
  readonly failed: number;
}

export interface TellRefusedExportsPorts {
  readonly resellers: ResellerReader;
  readonly closes: Pick<CloseOutcomeStore, 'markRefusalsNotified'>;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly log: Log;
}

type RefusedExportOutcome = AutoExportOutcome & {
  readonly problem: NonNullable<AutoExportOutcome['problem']>;
};

const resellersMailedAtOnce = 4;

const refusedExportsOf = (outcome: CloseOutcome): RefusedExportOutcome[] =>
  outcome.exports.filter(
    (entry): entry is RefusedExportOutcome => entry.status === 'refused' && entry.problem !== undefined,
  );

const tellReseller = async (ports: TellRefusedExportsPorts, outcome: CloseOutcome): Promise<number> => {
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

export const tellRefusedExports = async (
  ports: TellRefusedExportsPorts,
  outcomes: readonly CloseOutcome[],
): Promise<RefusalMailTally> => {
  let sent = 0;
  let failed = 0;
  const toTell = outcomes.filter(
    (outcome) => !outcome.refusalsNotifiedAt && refusedExportsOf(outcome).length > 0,
  );
  await forEachBounded(toTell, resellersMailedAtOnce, async (outcome) => {
    try {
      // Awaited first: `sent += await …` would read `sent` before the other lanes add to it.
      const told = await tellReseller(ports, outcome);
      sent += told;
    } catch (error) {
      failed += 1;
      ports.log.error('Could not e-mail the refused automatic export', {
        reseller: outcome.reseller,
        month: outcome.month,
        error,
      });
    }
  });
  return { sent, failed };
};
