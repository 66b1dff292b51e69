import type { ExportJob, LedgerEntry } from './export-job.ts';
import { systemLabels } from './integration.ts';
import type { Language } from './reseller.ts';

/**
 * The e-mail that tells the requesting user and the reseller's accounting contact how an export
 * went: what was exported (how many, the draft numbers) or why it failed and that the drafts it
 * had made were deleted again. In the reseller's language.
 */
export interface ExportReport {
  readonly subject: string;
  readonly text: string;
}

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
): ExportReport => {
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
