/**
 * The HTML part of every e-mail Faktura sends, rendered from the same content as the plain-text
 * part (mail-content.ts): a heading, a few paragraphs, a table, what to do next. Rendered by
 * Mustache, whose `{{ }}` escapes every value, so a customer called `<b>&Co` is shown as typed and
 * never becomes markup; the template is the only HTML. Built for mail clients: tables and inline
 * styles, no stylesheet, no image, nothing fetched.
 */

import Mustache from 'mustache';
import type { MailContent, MailTable } from './mail-content.ts';

const cell = 'padding:6px 10px;border-bottom:1px solid #e2e2e2;';

const template = `<!DOCTYPE html>
<html lang="{{language}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{title}}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:Arial,Helvetica,sans-serif;color:#222;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:760px;margin:0 auto;background:#ffffff;border:1px solid #e2e2e2;">
<tr><td style="padding:24px;">
<h1 style="font-size:20px;margin:0 0 16px 0;">{{title}}</h1>
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

/** The total's row: its label in the first column, its value under the column it adds up. */
const totalRow = ({ headings, total }: MailTable): string[] =>
  total
    ? headings.map((_, index) => (index === 0 ? total.label : index === total.column ? total.value : ''))
    : [];

export const renderHtmlMail = (content: MailContent): string => {
  const table = content.table;
  const numeric = new Set(table?.numeric ?? []);
  return Mustache.render(template, {
    ...content,
    table: table && {
      headingCells: cellsOf(table.headings, numeric),
      rowCells: table.rows.map((row) => cellsOf(row, numeric)),
      totalCells: cellsOf(totalRow(table), numeric),
      note: table.note,
    },
  });
};
