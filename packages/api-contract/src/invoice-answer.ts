/**
 * The invoice as an HTTP answer, JSON or CSV, for GET /invoice/{id} and POST /invoice alike: one
 * function, so that whatever can be created can be read back the same way.
 *
 * Why pages: Lambda returns at most 6 MB, and the answer's body travels inside Lambda's JSON
 * response, escaped once more (a `"` in a description is `\"` in the body and `\\\"` in the
 * payload). An invoice of 10,000 lines with long texts can be created (its lines are stored
 * compressed) yet not fit in one answer. So:
 * - an invoice whose whole answer fits (every ordinary invoice) is answered whole and unchanged;
 * - otherwise, or when the caller asks with `linesOffset` / `linesLimit`, the answer carries a run
 *   of the lines that fits, the invoice's header and totals (always the whole invoice's), and
 *   where it stands: `linesPage` in JSON, `X-Lines-*` headers in both formats. A CSV page is the
 *   header row, its run of lines, and on the last page the totals rows, so the pages' line rows
 *   concatenated are the file's.
 */

import { type InvoiceCsvParts, invoiceCsvParts } from '#domain/invoice/csv';
import type { Invoice } from '#domain/invoice/model';
import type { InvoiceViewOptions } from '#domain/invoice/view';
import { presentInvoice, type ViewerRole } from '#domain/invoice/visibility';
import { invalid } from '#domain/refusal';
import type { Language } from '#domain/reseller';
import type { Reply } from '#lambda/http-handler';
import { jsonPayloadBytes, maxAnswerBytes, payloadBytes, textPayloadBytes } from './payload.ts';

export interface InvoiceAnswerOptions extends InvoiceViewOptions {
  readonly format?: 'json' | 'csv';
  readonly lang?: Language;
  readonly linesOffset?: number;
  readonly linesLimit?: number;
}

/** Where a page stands among the lines of the view (after selection and grouping). */
export interface LinesPage {
  readonly offset: number;
  readonly count: number;
  readonly total: number;
  /** The `linesOffset` of the next page; absent on the last. */
  readonly nextOffset?: number;
}

const jsonContentType = 'application/json; charset=utf-8';

export const invoiceAnswer = (
  invoice: Invoice,
  role: ViewerRole,
  options: InvoiceAnswerOptions,
  status = 200,
  budget = maxAnswerBytes,
): Reply =>
  options.format === 'csv'
    ? invoiceCsvAnswer(invoice, role, options, status, budget)
    : invoiceJsonAnswer(invoice, role, options, status, budget);

/**
 * The JSON answer alone: POST /invoice answers only JSON, and its bundle then leaves the CSV writer
 * (csv-stringify and the invoice's CSV, ~13 KB) out.
 */
export const invoiceJsonAnswer = (
  invoice: Invoice,
  role: ViewerRole,
  options: InvoiceAnswerOptions,
  status = 200,
  budget = maxAnswerBytes,
): Reply => {
  const { format: _format, lang: _lang, linesOffset, linesLimit, ...view } = options;
  const paged = linesOffset !== undefined || linesLimit !== undefined;
  const document = presentInvoice(invoice, role, view);
  if (!paged) {
    // Serialised once, measured on that text, and answered as it is: a 10,000-line invoice is
    // megabytes of JSON, which `json` would have the handler make a second time.
    const body = JSON.stringify(document);
    if (jsonPayloadBytes(body) <= budget) return { status, text: body, contentType: jsonContentType };
  }
  const placeholder: LinesPage = { offset: 0, count: 0, total: 0, nextOffset: 0 };
  // The page's own numbers take a few bytes more than the placeholder's zeros: 32 is ample.
  const fixed = payloadBytes({ ...document, lines: [], linesPage: placeholder }) + 32;
  const page = pageOf(
    document.lines,
    (line) => payloadBytes(line) + 1,
    budget - fixed,
    linesOffset,
    linesLimit,
  );
  return {
    status,
    json: {
      ...document,
      lines: document.lines.slice(page.offset, page.offset + page.count),
      linesPage: page,
    },
    headers: pageHeaders(page),
  };
};

const invoiceCsvAnswer = (
  invoice: Invoice,
  role: ViewerRole,
  options: InvoiceAnswerOptions,
  status: number,
  budget: number,
): Reply => {
  const { format: _format, lang = 'da', linesOffset, linesLimit, ...view } = options;
  const paged = linesOffset !== undefined || linesLimit !== undefined;
  const parts = invoiceCsvParts(invoice, role, { ...view, lang });
  const page = csvPage(parts, budget, linesOffset, linesLimit);
  const last = page.nextOffset === undefined;
  const text = parts.head + page.records.join('') + (last ? parts.totals : '');
  const whole = !paged && page.offset === 0 && last;
  return {
    status,
    text,
    contentType: 'text/csv; charset=utf-8',
    filename: `${lang === 'da' ? 'faktura' : 'invoice'}-${invoice.invoiceNumber === '-1' ? invoice.id : invoice.invoiceNumber}.csv`,
    ...(whole ? {} : { headers: pageHeaders(page) }),
  };
};

/**
 * The run of lines from `offset` that fits in `room` bytes, at most `limit` long, and at least one
 * line (a single line is a few kilobytes at most, far below any answer's room).
 */
const pageOf = <Line>(
  lines: readonly Line[],
  size: (line: Line) => number,
  room: number,
  offset = 0,
  limit = lines.length,
): LinesPage => {
  const total = lines.length;
  if (offset > total) throw invalid('linesOffset', `Lines offset is past the last line (${total} lines)`);
  const end = Math.min(total, offset + limit);
  let next = offset;
  let used = 0;
  while (next < end) {
    used += size(lines[next]!);
    if (used > room && next > offset) break;
    next += 1;
  }
  return { offset, count: next - offset, total, ...(next < total ? { nextOffset: next } : {}) };
};

/** Line records from the offset, made a run at a time, until the answer is full or the lines end. */
const csvPage = (
  parts: InvoiceCsvParts,
  budget: number,
  offset = 0,
  limit = parts.lineCount,
): LinesPage & { readonly records: readonly string[] } => {
  const total = parts.lineCount;
  if (offset > total) throw invalid('linesOffset', `Lines offset is past the last line (${total} lines)`);
  const end = Math.min(total, offset + limit);
  let room = budget - textPayloadBytes(parts.head) - textPayloadBytes(parts.totals);
  const records: string[] = [];
  let next = offset;
  while (next < end) {
    const run = parts.lines(next, Math.min(end, next + csvRun));
    for (const record of run) {
      room -= textPayloadBytes(record);
      if (room < 0 && records.length > 0) return pageAt(offset, records, total);
      records.push(record);
    }
    next += run.length;
  }
  return pageAt(offset, records, total);
};

const csvRun = 500;

const pageAt = (offset: number, records: string[], total: number) => {
  const next = offset + records.length;
  return { offset, count: records.length, total, records, ...(next < total ? { nextOffset: next } : {}) };
};

const pageHeaders = (page: LinesPage): Record<string, string> => ({
  'x-lines-offset': String(page.offset),
  'x-lines-count': String(page.count),
  'x-lines-total': String(page.total),
  ...(page.nextOffset === undefined ? {} : { 'x-lines-next-offset': String(page.nextOffset) }),
});
