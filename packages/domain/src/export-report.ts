import type { ExportJob, LedgerEntry } from './export-job.ts';
import { systemLabels } from './integration.ts';
import { PENDING_INVOICE_NUMBER } from './invoice/model.ts';
import { sumAmounts } from './invoice/money.ts';
import { formatKroner } from './mail/kroner.ts';
import type { MailContent } from './mail/mail-content.ts';
import { type RenderedMail, renderMail } from './mail/render-mail.ts';
import type { Language } from './reseller.ts';

/**
 * The e-mail that tells the requesting user and the reseller's accounting contact how an export
 * went: what was exported (how many, the draft numbers, each invoice with its draft) or why it
 * failed and that the drafts it had made were deleted again, and what to do next. In the
 * reseller's language; its text and HTML parts render the one content built here.
 */
export type ExportReport = RenderedMail;

/** An invoice of the export as the e-mail's table shows it. */
export interface ReportedInvoice {
  readonly customer: string;
  readonly invoiceNumber: string;
  /** What the draft bills, VAT included: the invoice's total (at wholesale in adminMode). */
  readonly amount: number;
  readonly draftNumber?: string;
  readonly outcome: 'created' | 'deleted' | 'not-exported';
}

/** The invoices the table shows (a long export shows its first ones) and how many it leaves out. */
export interface ReportedInvoices {
  readonly shown: readonly ReportedInvoice[];
  readonly notShown: number;
  /** The sum of every invoice's amount, shown or not. */
  readonly total: number;
}

const noInvoices: ReportedInvoices = { shown: [], notShown: 0, total: 0 };

const words = {
  da: {
    succeededTitle: (created: number, system: string, month: string) =>
      `${created} ${created === 1 ? 'faktura' : 'fakturaer'} eksporteret til ${system} (${month})`,
    failedTitle: (system: string, month: string) => `eksporten til ${system} (${month}) mislykkedes`,
    greeting: (name: string) => `Hej ${name}`,
    succeeded: (month: string, system: string) =>
      `Eksporten af fakturaerne for ${month} til ${system} er gennemført.`,
    created: (created: number) =>
      created === 1
        ? '1 faktura er oprettet som kladdeordre'
        : `${created} fakturaer er oprettet som kladdeordrer`,
    failed: (month: string, system: string, reason: string) =>
      `Eksporten af fakturaerne for ${month} til ${system} mislykkedes: ${reason}`,
    failedInvoice: (invoice: string) => ` (faktura ${invoice})`,
    compensated: (deleted: number) =>
      `Af sikkerhedshensyn er de ${deleted} kladdeordrer, eksporten nåede at oprette, slettet igen, så intet er eksporteret.`,
    headings: ['Kunde', 'Faktura', 'Beløb inkl. moms', 'Kladdeordre', 'Udfald'],
    outcomes: { created: 'Oprettet', deleted: 'Slettet igen', 'not-exported': 'Ikke eksporteret' },
    pendingNumber: 'afventer bogføring',
    total: 'I alt',
    notShown: (count: number, exportId: string) =>
      `Og ${count} fakturaer mere; hele listen: GET /integration/exports/${exportId}.`,
    next: 'Hvad nu',
    succeededSteps: (system: string) => [
      `Gennemse kladdeordrerne i ${system}, og bogfør dem, når de er rigtige.`,
      'Fakturanumre, sendt og betalt kommer tilbage til Faktura ved næste bogføringssynkronisering.',
    ],
    failedSteps: [
      'Ret fejlen, der er nævnt ovenfor.',
      'Start eksporten igen: den eksporterer alle månedens fakturaer, der ikke er eksporteret.',
    ],
    footer: (exportId: string) => `Eksport-id: ${exportId}`,
  },
  en: {
    succeededTitle: (created: number, system: string, month: string) =>
      `${created} ${created === 1 ? 'invoice' : 'invoices'} exported to ${system} (${month})`,
    failedTitle: (system: string, month: string) => `the export to ${system} (${month}) failed`,
    greeting: (name: string) => `Hello ${name}`,
    succeeded: (month: string, system: string) =>
      `The export of the invoices for ${month} to ${system} has completed.`,
    created: (created: number) =>
      created === 1
        ? '1 invoice was created as a draft order'
        : `${created} invoices were created as draft orders`,
    failed: (month: string, system: string, reason: string) =>
      `The export of the invoices for ${month} to ${system} failed: ${reason}`,
    failedInvoice: (invoice: string) => ` (invoice ${invoice})`,
    compensated: (deleted: number) =>
      `As a safety measure the ${deleted} draft orders it had created were deleted again, so nothing was exported.`,
    headings: ['Customer', 'Invoice', 'Amount incl. VAT', 'Draft order', 'Outcome'],
    outcomes: { created: 'Created', deleted: 'Deleted again', 'not-exported': 'Not exported' },
    pendingNumber: 'when booked',
    total: 'Total',
    notShown: (count: number, exportId: string) =>
      `And ${count} more invoices; the whole list: GET /integration/exports/${exportId}.`,
    next: 'What to do next',
    succeededSteps: (system: string) => [
      `Review the draft orders in ${system}, and book them when they are right.`,
      'Invoice numbers, sent and paid come back to Faktura with the next booking sync.',
    ],
    failedSteps: [
      'Correct the problem named above.',
      'Start the export again: it exports every invoice of the month not exported yet.',
    ],
    footer: (exportId: string) => `Export id: ${exportId}`,
  },
} as const;

/** The drafts the export created, in the order the accounting system numbered them. */
const draftList = (ledger: readonly LedgerEntry[]): string =>
  ledger
    .filter((entry) => entry.state === 'created' && entry.draftNumber)
    .map((entry) => entry.draftNumber!)
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .join(', ');

export const exportReport = (
  job: ExportJob,
  ledger: readonly LedgerEntry[],
  reseller: { readonly name: string; readonly language: Language },
  invoices: ReportedInvoices = noInvoices,
): ExportReport => renderMail(exportMailContent(job, ledger, reseller, invoices));

export const exportMailContent = (
  job: ExportJob,
  ledger: readonly LedgerEntry[],
  reseller: { readonly name: string; readonly language: Language },
  invoices: ReportedInvoices,
): MailContent => {
  const language = reseller.language;
  const say = words[language];
  const system = systemLabels[job.system];
  const month = job.options.invoiceDate.slice(0, 7);
  const created = ledger.filter((entry) => entry.state === 'created').length;
  const amount = (value: number) => formatKroner(value, language);
  const succeeded = job.status === 'succeeded';
  return {
    language,
    title: succeeded ? say.succeededTitle(created, system, month) : say.failedTitle(system, month),
    greeting: say.greeting(reseller.name),
    paragraphs: succeeded
      ? [
          say.succeeded(month, system),
          `${say.created(created)}${created > 0 ? `: ${draftList(ledger)}` : ''}.`,
        ]
      : [
          `${say.failed(month, system, job.failure?.reason ?? '')}${job.failure?.invoice ? say.failedInvoice(job.failure.invoice) : ''}.`,
          say.compensated(job.compensation?.deleted ?? 0),
        ],
    ...(invoices.shown.length > 0
      ? {
          table: {
            headings: say.headings,
            rows: invoices.shown.map((invoice) => [
              invoice.customer,
              invoice.invoiceNumber === PENDING_INVOICE_NUMBER ? say.pendingNumber : invoice.invoiceNumber,
              amount(invoice.amount),
              invoice.draftNumber ?? '',
              say.outcomes[invoice.outcome],
            ]),
            numeric: [2],
            total: { label: say.total, value: amount(invoices.total), column: 2 },
            ...(invoices.notShown > 0 ? { note: say.notShown(invoices.notShown, job.id) } : {}),
          },
        }
      : {}),
    nextSteps: { heading: say.next, steps: succeeded ? say.succeededSteps(system) : say.failedSteps },
    footer: say.footer(job.id),
  };
};

/** The amounts of an export's invoices added up exactly, for the table's total. */
export const reportedTotal = (amounts: readonly number[]): number => sumAmounts(amounts);
