import Mustache from 'mustache';
import type { Language } from '../reseller.ts';

/**
 * The HTML part of every e-mail Faktura sends (the plain-text part says the same in words): a
 * heading, a few paragraphs, a table, what to do next. Rendered by Mustache, whose `{{ }}` escapes
 * every value, so a customer called `<b>&Co` is shown as typed and never becomes markup; the
 * template is the only HTML. Built for mail clients: tables and inline styles, no stylesheet, no
 * image, nothing fetched.
 */
export interface MailTable {
  readonly headings: readonly string[];
  /** The cells of each row, as text; the columns `numeric` names are right-aligned. */
  readonly rows: readonly (readonly string[])[];
  readonly numeric: readonly number[];
  /** A last row in bold (the totals), when there is one. */
  readonly total?: readonly string[];
  /** Said under the table (the rows left out of a long table, and where to find them). */
  readonly note?: string;
}

export interface MailView {
  readonly language: Language;
  readonly heading: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  readonly table?: MailTable;
  /** What to do next, as steps. */
  readonly nextSteps?: { readonly heading: string; readonly steps: readonly string[] };
  /** Small print: which export or run this is about. */
  readonly footer: string;
}

const cell = 'padding:6px 10px;border-bottom:1px solid #e2e2e2;';

const template = `<!DOCTYPE html>
<html lang="{{language}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{heading}}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:Arial,Helvetica,sans-serif;color:#222;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:760px;margin:0 auto;background:#ffffff;border:1px solid #e2e2e2;">
<tr><td style="padding:24px;">
<h1 style="font-size:20px;margin:0 0 16px 0;">{{heading}}</h1>
<p style="margin:0 0 12px 0;">{{greeting}}</p>
{{#paragraphs}}<p style="margin:0 0 12px 0;">{{.}}</p>
{{/paragraphs}}
{{#table}}<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 12px 0;">
<thead><tr>{{#headingCells}}<th style="${cell}text-align:{{align}};background:#f0f0f0;">{{text}}</th>{{/headingCells}}</tr></thead>
<tbody>
{{#rowCells}}<tr>{{#.}}<td style="${cell}text-align:{{align}};">{{text}}</td>{{/.}}</tr>
{{/rowCells}}{{#totalCells.length}}<tr>{{#totalCells}}<td style="${cell}text-align:{{align}};font-weight:bold;">{{text}}</td>{{/totalCells}}</tr>
{{/totalCells.length}}</tbody>
</table>
{{#note}}<p style="margin:0 0 12px 0;font-size:13px;color:#555;">{{note}}</p>{{/note}}
{{/table}}
{{#nextSteps}}<h2 style="font-size:16px;margin:16px 0 8px 0;">{{heading}}</h2>
<ol style="margin:0 0 12px 20px;padding:0;">{{#steps}}<li style="margin:0 0 4px 0;">{{.}}</li>{{/steps}}</ol>
{{/nextSteps}}
<p style="margin:16px 0 0 0;font-size:12px;color:#777;">{{footer}}</p>
</td></tr>
</table>
</body>
</html>
`;

// Parsed once per container, not per e-mail.
Mustache.parse(template);

const cellsOf = (texts: readonly string[], numeric: ReadonlySet<number>) =>
  texts.map((text, index) => ({ text, align: numeric.has(index) ? 'right' : 'left' }));

export const renderHtmlMail = (view: MailView): string => {
  const numeric = new Set(view.table?.numeric ?? []);
  return Mustache.render(template, {
    ...view,
    table: view.table && {
      headingCells: cellsOf(view.table.headings, numeric),
      rowCells: view.table.rows.map((row) => cellsOf(row, numeric)),
      totalCells: view.table.total ? cellsOf(view.table.total, numeric) : [],
      note: view.table.note,
    },
  });
};

const amountFormats: Record<Language, Intl.NumberFormat> = {
  da: new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** An amount in kroner as a reader of that language writes it: `1.234,56 kr.`, `DKK 1,234.56`. */
export const formatKroner = (amount: number, language: Language): string =>
  language === 'da' ? `${amountFormats.da.format(amount)} kr.` : `DKK ${amountFormats.en.format(amount)}`;
