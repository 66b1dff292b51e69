/**
 * Tells each reseller's accounting contact about the automatic exports the close could not start.
 * Nobody asked for those exports, so nobody would otherwise learn before the books came up a month
 * short. One e-mail per refused system, in the reseller's language; once per run, however often
 * the report step is retried (the outcome records it). An e-mail that cannot be sent is logged and
 * counted, and does not stop the report: the refusal is already in its log line and alarm.
 */

import type { AutoExportOutcome, CloseOutcome } from '#app/ports/store';
import { periodInvoiceDate } from '#domain/monthly-close/period';
import { refusedExportReport } from '#domain/monthly-close/refused-export-report';
import { forEachBounded } from '#lambda/bounded';
import { logger } from '#lambda/observability';
import { mailer } from '#wiring/ses-mailer';
import { closeStore, resellerStore } from '#wiring/store';

export interface RefusalMailTally {
  readonly sent: number;
  readonly failed: number;
}

type RefusedExportOutcome = AutoExportOutcome & {
  readonly problem: NonNullable<AutoExportOutcome['problem']>;
};

const refusedExportsOf = (outcome: CloseOutcome): RefusedExportOutcome[] =>
  outcome.exports.filter(
    (entry): entry is RefusedExportOutcome => entry.status === 'refused' && entry.problem !== undefined,
  );

export const tellRefusedExports = async (outcomes: readonly CloseOutcome[]): Promise<RefusalMailTally> => {
  let sent = 0;
  let failed = 0;
  const toTell = outcomes.filter(
    (outcome) => !outcome.refusalsNotifiedAt && refusedExportsOf(outcome).length > 0,
  );
  await forEachBounded(toTell, 4, async (outcome) => {
    try {
      // Awaited first: `sent += await …` would read `sent` before the other lanes add to it.
      const told = await tellReseller(outcome);
      sent += told;
    } catch (error) {
      failed += 1;
      logger.error('Could not e-mail the refused automatic export', {
        reseller: outcome.reseller,
        month: outcome.month,
        error: error as Error,
      });
    }
  });
  return { sent, failed };
};

const tellReseller = async (outcome: CloseOutcome): Promise<number> => {
  const reseller = await resellerStore.getReseller(outcome.reseller);
  const to = reseller?.finance.accountingEmail;
  if (!reseller || !to) {
    logger.warn('Nobody to tell that the automatic export was refused', { reseller: outcome.reseller });
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
    await mailer.send({ to: [to], ...report });
  }
  await closeStore.markRefusalsNotified(outcome, new Date().toISOString());
  return refused.length;
};
