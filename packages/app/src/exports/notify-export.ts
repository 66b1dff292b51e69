/**
 * Export saga, last step: e-mails the outcome to the user who asked for the export and to the
 * reseller's accounting e-mail, in the reseller's language. Sent once: a retried step finds the
 * job already notified. A notification that cannot be sent does not undo the export (the state
 * machine catches it).
 */

import type { Clock } from '#app/ports/clock';
import type { ExportJobStore, ExportLedgerStore, ResellerReader } from '#app/ports/export-store';
import type { Mailer } from '#app/ports/mailer';
import type { Counters, Log } from '#app/ports/observability';
import type { ExportableInvoiceHeader } from '#app/ports/store';
import type { Customer } from '#domain/customer';
import { isMailboxAddress } from '#domain/email-address';
import { type ExportJob, exportPeriod, type LedgerEntry } from '#domain/export-job';
import {
  exportReport,
  type ReportedInvoice,
  type ReportedInvoices,
  reportedTotal,
} from '#domain/export-report';
import { startOfLocalDate } from '#domain/invoice/calendar';
import { sumAmounts } from '#domain/invoice/money';
import { requireJob, type SagaInput } from './saga.ts';

/**
 * The e-mail's table shows this many invoices, a finance person's screenful; a month-end export of
 * thousands says how many more there are and where the whole list is.
 */
export const invoicesShown = 200;

export interface NotifyExportPorts {
  readonly exports: ExportJobStore & Pick<ExportLedgerStore, 'getLedger'>;
  readonly resellers: ResellerReader;
  readonly invoices: {
    invoiceHeadersInPeriod(reseller: string, from: string, to: string): Promise<ExportableInvoiceHeader[]>;
  };
  readonly customers: {
    getCustomers(reseller: string, ids: readonly string[]): Promise<Map<string, Customer>>;
  };
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly log: Log;
  readonly counters: Counters;
}

export const notifyExport = async (
  ports: NotifyExportPorts,
  input: SagaInput,
): Promise<{ sentTo: string[] }> => {
  const { exports, resellers, mailer, clock, log, counters } = ports;
  const job = await requireJob(exports, input);
  if (job.notifiedAt) return { sentTo: [] };
  const reseller = await resellers.getReseller(job.reseller);
  // Checked here and again by the mailer: a job stored before addresses were checked (or a claim
  // that was not an address) tells the accounting contact all the same.
  const candidates = [job.requestedBy.email, reseller?.finance.accountingEmail];
  if (!candidates.some((address) => isMailboxAddress(address))) {
    log.warn('Nobody to tell how the export went', { exportId: job.id });
    return { sentTo: [] };
  }
  const ledger = await exports.getLedger(job.reseller, job.id);
  const report = exportReport(
    job,
    ledger,
    { name: reseller?.name ?? job.reseller, language: reseller?.language ?? 'da' },
    await reportedInvoices(ports, job, ledger),
  );
  const sentTo = await mailer.send({ to: candidates, ...report });
  await exports.updateExportJob(job, ['succeeded', 'failed'], {
    status: job.status,
    notifiedAt: clock.now().toISOString(),
  });
  counters.count('ExportNotificationsSent');
  return { sentTo };
};

/** The export's invoices as the e-mail's table shows them: customer, number, amount, draft, outcome. */
const reportedInvoices = async (
  ports: Pick<NotifyExportPorts, 'invoices' | 'customers'>,
  job: ExportJob,
  ledger: readonly LedgerEntry[],
): Promise<ReportedInvoices> => {
  if (ledger.length === 0) return { shown: [], notShown: 0, total: 0 };
  // The export's own window, read as the request read it (its headers in a few queries, side by
  // side when long: period-headers.ts), never one read per invoice, whatever the export's size.
  const period = exportPeriod(job.options.invoiceDate);
  const headers = new Map(
    (
      await ports.invoices.invoiceHeadersInPeriod(
        job.reseller,
        startOfLocalDate(period.from).toISOString(),
        startOfLocalDate(period.to).toISOString(),
      )
    ).map((header) => [header.id, header]),
  );
  const amountOf = (header: ExportableInvoiceHeader) =>
    job.options.adminMode
      ? sumAmounts([header.totals.subTotalWholesale, header.totals.vatWholesale])
      : header.totals.total;
  const entries = ledger.flatMap((entry) => {
    const header = headers.get(entry.invoice);
    return header ? [{ entry, header }] : [];
  });
  const shownEntries = entries
    .toSorted(
      (a, b) =>
        a.header.customer.localeCompare(b.header.customer) ||
        a.header.invoiceNumber.localeCompare(b.header.invoiceNumber, 'da', { numeric: true }),
    )
    .slice(0, invoicesShown);
  const customers = await ports.customers.getCustomers(job.reseller, [
    ...new Set(shownEntries.map(({ header }) => header.customer)),
  ]);
  const shown = shownEntries
    .map(
      ({ entry, header }): ReportedInvoice => ({
        customer: customers.get(header.customer)?.name ?? header.customer,
        invoiceNumber: header.invoiceNumber,
        amount: amountOf(header),
        ...(entry.draftNumber ? { draftNumber: entry.draftNumber } : {}),
        outcome:
          entry.state === 'created' ? 'created' : entry.state === 'deleted' ? 'deleted' : 'not-exported',
      }),
    )
    .toSorted(
      (a, b) =>
        a.customer.localeCompare(b.customer, 'da') ||
        a.invoiceNumber.localeCompare(b.invoiceNumber, 'da', { numeric: true }),
    );
  return {
    shown,
    notShown: entries.length - shown.length,
    total: reportedTotal(entries.map(({ header }) => amountOf(header))),
  };
};
