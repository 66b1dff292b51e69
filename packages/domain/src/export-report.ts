import type { ExportJob, LedgerEntry } from './export-job.ts';
import { systemLabels } from './integration.ts';
import { PENDING_INVOICE_NUMBER } from './invoice/model.ts';
import { sumAmounts } from './invoice/money.ts';
import { formatKroner, type MailView, renderHtmlMail } from './mail/html-mail.ts';
import type { Language } from './reseller.ts';

/**
 * The e-mail that tells the requesting user and the reseller's accounting contact how an export
 * went: what was exported (how many, the draft numbers) or why it failed and that the drafts it
 * had made were deleted again. In the reseller's language.
 */
export interface ExportReport {
  readonly subject: string;
  readonly text: string;
  /** The same, as a table of the invoices with the totals and what to do next (#domain/mail/html-mail). */
  readonly html: string;
}

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
): ExportReport => {
  const { subject, text } = plainReport(job, ledger, reseller);
  return { subject, text, html: renderHtmlMail(htmlView(job, reseller, invoices, subject)) };
};

const plainReport = (
  job: ExportJob,
  ledger: readonly LedgerEntry[],
  reseller: { readonly name: string; readonly language: Language },
): Omit<ExportReport, 'html'> => {
  const system = systemLabels[job.system];
  const month = job.options.invoiceDate.slice(0, 7);
  const created = ledger.filter((entry) => entry.state === 'created').length;
  const deleted = job.compensation?.deleted ?? 0;
  const reason = job.failure?.reason ?? '';
  const failedInvoice = job.failure?.invoice;

  if (reseller.language === 'da') {
    return job.status === 'succeeded'
      ? {
          subject: `Faktura: ${created} ${created === 1 ? 'faktura' : 'fakturaer'} eksporteret til ${system} (${month})`,
          text: [
            `Hej ${reseller.name}`,
            '',
            `Eksporten af fakturaerne for ${month} til ${system} er gennemført.`,
            `${created} ${created === 1 ? 'faktura er oprettet som kladdeordre' : 'fakturaer er oprettet som kladdeordrer'}${created > 0 ? `: ${draftList(ledger)}` : ''}.`,
            '',
            `Eksport-id: ${job.id}`,
          ].join('\n'),
        }
      : {
          subject: `Faktura: eksporten til ${system} (${month}) mislykkedes`,
          text: [
            `Hej ${reseller.name}`,
            '',
            `Eksporten af fakturaerne for ${month} til ${system} mislykkedes: ${reason}${failedInvoice ? ` (faktura ${failedInvoice})` : ''}.`,
            `Af sikkerhedshensyn er de ${deleted} kladdeordrer, eksporten nåede at oprette, slettet igen, så intet er eksporteret.`,
            'Ret fejlen og start eksporten igen.',
            '',
            `Eksport-id: ${job.id}`,
          ].join('\n'),
        };
  }
  return job.status === 'succeeded'
    ? {
        subject: `Faktura: ${created} ${created === 1 ? 'invoice' : 'invoices'} exported to ${system} (${month})`,
        text: [
          `Hello ${reseller.name}`,
          '',
          `The export of the invoices for ${month} to ${system} has completed.`,
          `${created} ${created === 1 ? 'invoice was created as a draft order' : 'invoices were created as draft orders'}${created > 0 ? `: ${draftList(ledger)}` : ''}.`,
          '',
          `Export id: ${job.id}`,
        ].join('\n'),
      }
    : {
        subject: `Faktura: the export to ${system} (${month}) failed`,
        text: [
          `Hello ${reseller.name}`,
          '',
          `The export of the invoices for ${month} to ${system} failed: ${reason}${failedInvoice ? ` (invoice ${failedInvoice})` : ''}.`,
          `As a safety measure the ${deleted} draft orders it had created were deleted again, so nothing was exported.`,
          'Correct the problem and start the export again.',
          '',
          `Export id: ${job.id}`,
        ].join('\n'),
      };
};

const words = {
  da: {
    greeting: (name: string) => `Hej ${name}`,
    succeeded: (month: string, system: string) =>
      `Eksporten af fakturaerne for ${month} til ${system} er gennemført: hver faktura herunder er oprettet som kladdeordre.`,
    failed: (month: string, system: string, reason: string) =>
      `Eksporten af fakturaerne for ${month} til ${system} mislykkedes: ${reason}.`,
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
    failedInvoice: (invoice: string) => `Fejlen gjaldt faktura ${invoice}.`,
    footer: (exportId: string) => `Eksport-id: ${exportId}`,
  },
  en: {
    greeting: (name: string) => `Hello ${name}`,
    succeeded: (month: string, system: string) =>
      `The export of the invoices for ${month} to ${system} has completed: each invoice below was created as a draft order.`,
    failed: (month: string, system: string, reason: string) =>
      `The export of the invoices for ${month} to ${system} failed: ${reason}.`,
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
    failedInvoice: (invoice: string) => `The failure concerned invoice ${invoice}.`,
    footer: (exportId: string) => `Export id: ${exportId}`,
  },
} as const;

const htmlView = (
  job: ExportJob,
  reseller: { readonly name: string; readonly language: Language },
  invoices: ReportedInvoices,
  subject: string,
): MailView => {
  const language = reseller.language;
  const say = words[language];
  const system = systemLabels[job.system];
  const month = job.options.invoiceDate.slice(0, 7);
  const succeeded = job.status === 'succeeded';
  const amount = (value: number) => formatKroner(value, language);
  return {
    language,
    heading: subject.replace(/^Faktura: /, ''),
    greeting: say.greeting(reseller.name),
    paragraphs: succeeded
      ? [say.succeeded(month, system)]
      : [
          say.failed(month, system, job.failure?.reason ?? ''),
          ...(job.failure?.invoice ? [say.failedInvoice(job.failure.invoice)] : []),
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
            total: [say.total, '', amount(invoices.total), '', ''],
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
