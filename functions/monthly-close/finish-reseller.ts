/**
 * Monthly close, the end of one reseller's iteration: for every accounting system whose
 * integration settings ask for it (`autoExport`), the export of the month's new period invoices is
 * started through the same export service as `POST /integration/{system}/invoice/draft` (same
 * checks, same job, same saga and e-mails); then the reseller's outcome is recorded for the run's
 * report. A refused export (say, a customer without an accounting id) is recorded with every
 * problem, as the API would have answered it; it does not fail the close, and the report step
 * e-mails it to the accounting contact.
 */

import type { AutoExportOutcome } from '#app/ports/store';
import { accountingSystems } from '#domain/integration';
import { periodInvoiceDate } from '#domain/monthly-close/period';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { ApiError } from '#lambda/errors';
import { logger } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { closeStore, integrationStore } from '#wiring/store';
import { requestExport } from '../commons/export-requests.ts';
import { type ResellerCloseState, readRun } from './state.ts';

/** Who the export job says asked for it; it has no e-mail, so the outcome goes to the accounting contact. */
export const monthlyCloseRequester = { userId: 'faktura:monthly-close' } as const;

export const handler = workerHandler(async (event: unknown): Promise<{ recorded: true }> => {
  const { month, run, reseller, tally, error } = readRun<ResellerCloseState>(event, ['reseller']);
  const exports = error ? [] : await autoExports(reseller, month);
  await closeStore.putCloseOutcome({
    month,
    run,
    reseller,
    ...(tally ? { tally } : {}),
    exports,
    ...(error ? { error: [error.Error, error.Cause].filter(Boolean).join(': ') || 'failed' } : {}),
    recordedAt: new Date().toISOString(),
  });
  return { recorded: true };
});

const autoExports = async (reseller: string, month: string): Promise<AutoExportOutcome[]> => {
  const outcomes: AutoExportOutcome[] = [];
  for (const system of accountingSystems) {
    const settings = await integrationStore.getIntegration({ kind: 'reseller', reseller }, system);
    if (!settings?.autoExport) continue;
    outcomes.push(await autoExport(reseller, month, system));
  }
  return outcomes;
};

const autoExport = async (
  reseller: string,
  month: string,
  system: (typeof accountingSystems)[number],
): Promise<AutoExportOutcome> => {
  try {
    const { answer } = await requestExport({
      system,
      options: { reseller, invoiceDate: periodInvoiceDate(month) },
      resellerNamed: true,
      requestedBy: monthlyCloseRequester,
      // Only this close's own invoices, not whatever else is dated that day.
      only: (header) =>
        header.period === true && header.id === periodInvoiceId(reseller, header.customer, month),
    });
    return answer.exportId
      ? { system, status: 'queued', exportId: answer.exportId, exported: answer.exported }
      : { system, status: 'nothing-to-export', exported: 0 };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.key === 'export_in_progress') return { system, status: 'already-running' };
    logger.warn('The automatic export was refused', { reseller, month, system, error: error.toBody() });
    return {
      system,
      status: 'refused',
      problem: {
        key: error.key,
        description: error.description,
        ...(error.errors ? { details: error.errors.map((e) => `${e.key}: ${e.description}`) } : {}),
      },
    };
  }
};
