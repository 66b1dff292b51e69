/**
 * The monthly close's automatic exports: for every accounting system whose integration settings ask
 * for it (`autoExport`), the export of the month's new period invoices is started through the same
 * path as `POST /integration/{system}/invoice/draft` (same checks, same job, same saga and e-mails).
 * A refused export (say, a customer without an accounting id) is an outcome with every problem, as
 * the API would have answered it; it does not fail the close.
 */

import type { AutoExportOutcome } from '#app/ports/export-store';
import { accountingSystems, type IntegrationSettings } from '#domain/integration';
import { periodInvoiceDate } from '#domain/monthly-close/period';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { Refusal } from '#domain/refusal';
import { type AcceptExportPorts, acceptExport, ExportInProgress } from './request-export.ts';

/** Who the export job says asked for it; it has no e-mail, so the outcome goes to the accounting contact. */
export const monthlyCloseRequester = { userId: 'faktura:monthly-close' } as const;

const autoExport = async (
  ports: AcceptExportPorts,
  reseller: string,
  month: string,
  settings: IntegrationSettings,
): Promise<AutoExportOutcome> => {
  const { system } = settings;
  try {
    const { outcome, answer } = await acceptExport(ports, {
      system,
      settings,
      options: { reseller, invoiceDate: periodInvoiceDate(month) },
      resellerNamed: true,
      requestedBy: monthlyCloseRequester,
      // Only this close's own invoices, not whatever else is dated that day.
      only: (header) =>
        header.period === true && header.id === periodInvoiceId(reseller, header.customer, month),
    });
    return outcome === 'queued'
      ? { system, status: 'queued', exportId: answer.exportId, exported: answer.exported }
      : { system, status: 'nothing-to-export', exported: 0 };
  } catch (error) {
    if (error instanceof ExportInProgress) return { system, status: 'already-running' };
    if (!(error instanceof Refusal)) throw error;
    ports.log.warn('The automatic export was refused', { reseller, month, system, error: error.toBody() });
    return {
      system,
      status: 'refused',
      problem: {
        key: error.key,
        description: error.description,
        ...(error.errors ? { details: error.errors.map((each) => `${each.key}: ${each.description}`) } : {}),
      },
    };
  }
};

/** One outcome per system that exports automatically, in the systems' order. */
export const autoExports = async (
  ports: AcceptExportPorts,
  { reseller, month }: { readonly reseller: string; readonly month: string },
): Promise<AutoExportOutcome[]> => {
  const outcomes: AutoExportOutcome[] = [];
  for (const system of accountingSystems) {
    const settings = await ports.integrations.getIntegration({ kind: 'reseller', reseller }, system);
    if (!settings?.autoExport) continue;
    outcomes.push(await autoExport(ports, reseller, month, settings));
  }
  return outcomes;
};
