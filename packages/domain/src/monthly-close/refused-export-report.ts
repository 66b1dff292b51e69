import { type AccountingSystemName, systemLabels } from '../integration.ts';
import { renderHtmlMail } from '../mail/html-mail.ts';
import type { Language } from '../reseller.ts';

/**
 * The e-mail to a reseller's accounting contact when the monthly close could not start the
 * automatic export it was asked to run: nobody asked for this export, so without the e-mail the
 * refusal would only reach the log and the on-call alarm, and the books would quietly lack a month.
 * It says which month and system, every problem the export's checks found (as the export API
 * would have answered them), that nothing was exported, and how to export once they are fixed.
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

export interface RefusedExportReport {
  readonly subject: string;
  readonly text: string;
  /** The same, with the problems as a table and what to do next (#domain/mail/html-mail). */
  readonly html: string;
}

const problemLines = (problem: RefusedExport['problem']): string[] =>
  problem.details && problem.details.length > 0
    ? problem.details.map((detail) => `- ${detail}`)
    : [`- ${problem.key}: ${problem.description}`];

/** Each problem the export's checks found, as the export API would have answered it. */
const problemRows = (problem: RefusedExport['problem']): string[][] =>
  problem.details && problem.details.length > 0
    ? problem.details.map((detail) => [detail])
    : [[`${problem.key}: ${problem.description}`]];

export const refusedExportReport = (
  refused: RefusedExport,
  reseller: { readonly name: string; readonly language: Language },
  run: string,
): RefusedExportReport => {
  const { subject, text } = plainReport(refused, reseller, run);
  const system = systemLabels[refused.system];
  const route = `POST /integration/${refused.system}/invoice/draft { "invoiceDate": "${refused.invoiceDate}" }`;
  const da = reseller.language === 'da';
  const html = renderHtmlMail({
    language: reseller.language,
    heading: subject.replace(/^Faktura: /, ''),
    greeting: da ? `Hej ${reseller.name}` : `Hello ${reseller.name}`,
    paragraphs: [
      da
        ? `Månedsafslutningen for ${refused.month} har dannet periodefakturaerne (fakturadato ${refused.invoiceDate}), men den automatiske eksport til ${system} blev ikke startet, så intet er eksporteret.`
        : `The monthly close of ${refused.month} has made the period invoices (invoice date ${refused.invoiceDate}), but the automatic export to ${system} was not started, so nothing was exported.`,
    ],
    table: {
      headings: [
        da ? 'Problem, som eksportens kontrol fandt det' : 'Problem, as the export’s checks found it',
      ],
      rows: problemRows(refused.problem),
      numeric: [],
    },
    nextSteps: {
      heading: da ? 'Hvad nu' : 'What to do next',
      steps: da
        ? [
            'Ret problemerne i tabellen.',
            `Eksportér derefter fakturaerne med fakturadato ${refused.invoiceDate} (${route}).`,
          ]
        : [
            'Correct the problems in the table.',
            `Then export the invoices dated ${refused.invoiceDate} (${route}).`,
          ],
    },
    footer: da ? `Kørsel: ${run}` : `Run: ${run}`,
  });
  return { subject, text, html };
};

const plainReport = (
  refused: RefusedExport,
  reseller: { readonly name: string; readonly language: Language },
  run: string,
): Omit<RefusedExportReport, 'html'> => {
  const system = systemLabels[refused.system];
  const route = `POST /integration/${refused.system}/invoice/draft { "invoiceDate": "${refused.invoiceDate}" }`;
  if (reseller.language === 'da') {
    return {
      subject: `Faktura: den automatiske eksport til ${system} (${refused.month}) blev ikke startet`,
      text: [
        `Hej ${reseller.name}`,
        '',
        `Månedsafslutningen for ${refused.month} har dannet periodefakturaerne (fakturadato ${refused.invoiceDate}), men den automatiske eksport til ${system} blev ikke startet, så intet er eksporteret:`,
        ...problemLines(refused.problem),
        '',
        `Ret problemerne, og eksportér derefter fakturaerne med fakturadato ${refused.invoiceDate} (${route}).`,
        '',
        `Kørsel: ${run}`,
      ].join('\n'),
    };
  }
  return {
    subject: `Faktura: the automatic export to ${system} (${refused.month}) was not started`,
    text: [
      `Hello ${reseller.name}`,
      '',
      `The monthly close of ${refused.month} has made the period invoices (invoice date ${refused.invoiceDate}), but the automatic export to ${system} was not started, so nothing was exported:`,
      ...problemLines(refused.problem),
      '',
      `Correct the problems, then export the invoices dated ${refused.invoiceDate} (${route}).`,
      '',
      `Run: ${run}`,
    ].join('\n'),
  };
};
