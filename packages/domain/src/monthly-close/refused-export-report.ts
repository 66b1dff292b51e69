import { type AccountingSystemName, systemLabels } from '../integration.ts';
import type { MailContent } from '../mail/mail-content.ts';
import { type RenderedMail, renderMail } from '../mail/render-mail.ts';
import type { Language } from '../reseller.ts';

/**
 * The e-mail to a reseller's accounting contact when the monthly close could not start the
 * automatic export it was asked to run: nobody asked for this export, so without the e-mail the
 * refusal would only reach the log and the on-call alarm, and the books would quietly lack a month.
 * It says which month and system, every problem the export's checks found (as the export API
 * would have answered them), that nothing was exported, and how to export once they are fixed; its
 * text and HTML parts render the one content built here.
 */
export interface RefusedExport {
  readonly system: AccountingSystemName;
  /** The month that was closed (YYYY-MM). */
  readonly month: string;
  /** The date the period invoices carry, which the export is asked for (YYYY-MM-DD). */
  readonly invoiceDate: string;
  readonly problem: {
    readonly key: string;
    readonly description: string;
    readonly details?: readonly string[];
  };
}

export type RefusedExportReport = RenderedMail;

/**
 * The problems an e-mail lists: a month of thousands of invoices can be refused for thousands of
 * customers or products, which no one reads in an e-mail (and which would outgrow the mail queue's
 * 1 MiB message); the rest are counted, and asking for the export answers them all.
 */
export const problemsShown = 200;

/** Each problem the export's checks found, as the export API would have answered it. */
const problemRows = (problem: RefusedExport['problem']): string[][] =>
  problem.details && problem.details.length > 0
    ? problem.details.map((detail) => [detail])
    : [[`${problem.key}: ${problem.description}`]];

const words = {
  da: {
    title: (system: string, month: string) =>
      `den automatiske eksport til ${system} (${month}) blev ikke startet`,
    greeting: (name: string) => `Hej ${name}`,
    refused: (refused: RefusedExport, system: string) =>
      `Månedsafslutningen for ${refused.month} har dannet periodefakturaerne (fakturadato ${refused.invoiceDate}), men den automatiske eksport til ${system} blev ikke startet, så intet er eksporteret.`,
    problems: 'Problem, som eksportens kontrol fandt det',
    notShown: (count: number, route: string) =>
      `Og ${count} problemer mere; dem alle får du som svar, når du beder om eksporten (${route}).`,
    next: 'Hvad nu',
    steps: (invoiceDate: string, route: string) => [
      'Ret problemerne ovenfor.',
      `Eksportér derefter fakturaerne med fakturadato ${invoiceDate} (${route}).`,
    ],
    footer: (run: string) => `Kørsel: ${run}`,
  },
  en: {
    title: (system: string, month: string) => `the automatic export to ${system} (${month}) was not started`,
    greeting: (name: string) => `Hello ${name}`,
    refused: (refused: RefusedExport, system: string) =>
      `The monthly close of ${refused.month} has made the period invoices (invoice date ${refused.invoiceDate}), but the automatic export to ${system} was not started, so nothing was exported.`,
    problems: 'Problem, as the export’s checks found it',
    notShown: (count: number, route: string) =>
      `And ${count} more problems; asking for the export (${route}) answers them all.`,
    next: 'What to do next',
    steps: (invoiceDate: string, route: string) => [
      'Correct the problems above.',
      `Then export the invoices dated ${invoiceDate} (${route}).`,
    ],
    footer: (run: string) => `Run: ${run}`,
  },
} as const;

export const refusedExportReport = (
  refused: RefusedExport,
  reseller: { readonly name: string; readonly language: Language },
  run: string,
): RefusedExportReport => renderMail(refusedExportMailContent(refused, reseller, run));

export const refusedExportMailContent = (
  refused: RefusedExport,
  reseller: { readonly name: string; readonly language: Language },
  run: string,
): MailContent => {
  const say = words[reseller.language];
  const system = systemLabels[refused.system];
  const route = `POST /integration/${refused.system}/invoice/draft { "invoiceDate": "${refused.invoiceDate}" }`;
  const rows = problemRows(refused.problem);
  return {
    language: reseller.language,
    title: say.title(system, refused.month),
    greeting: say.greeting(reseller.name),
    paragraphs: [say.refused(refused, system)],
    table: {
      headings: [say.problems],
      rows: rows.slice(0, problemsShown),
      numeric: [],
      ...(rows.length > problemsShown ? { note: say.notShown(rows.length - problemsShown, route) } : {}),
    },
    nextSteps: { heading: say.next, steps: say.steps(refused.invoiceDate, route) },
    footer: say.footer(run),
  };
};
