import { stringify } from 'csv-stringify/sync';
import type { Language } from '../reseller.ts';
import { type CsvColumn, type DocumentLanguage, documentLanguage, formatNumber } from './language.ts';
import type { Invoice, InvoiceTotals } from './model.ts';
import { sumAmounts } from './money.ts';
import type { PricedLine } from './totals.ts';
import { type InvoiceViewOptions, invoiceView } from './view.ts';
import { canSee, type ViewerRole } from './visibility.ts';

/**
 * `GET /invoice/{id}?format=csv`: the invoice's lines as a spreadsheet, in Danish or English.
 *
 * - One header row, one row per line (after selection and grouping, as in the JSON), then three
 *   totals rows: Subtotal, Moms/VAT, Total. Like the JSON, these are the document's stored totals,
 *   not the sum of the rows shown (see view.ts). Every row has the same columns, the totals' label
 *   in the name column, so that an importer with a strict column count still reads the file.
 * - Columns: Varenummer, Navn, Beskrivelse, Antal, Enhed, then a price and an amount per price
 *   column the role may see (Kostpris/Kostbeløb for ADMIN, Forhandlerpris/Forhandlerbeløb for
 *   RESELLER and ADMIN, Enhedspris/Beløb for all), then Momsfri, Fra, Til. The amount is the line's
 *   rounded amount (for a grouped line, the sum of its members'), so the column adds up to the
 *   subtotal.
 * - A UTF-8 byte-order mark first, in both languages: without it Excel reads the file as
 *   Windows-1252 and "Beløb" becomes "BelÃ¸b". Importers that read UTF-8 skip it.
 * - CRLF line ends (RFC 4180, what Excel writes). Quoting by csv-stringify: a field holding the
 *   separator, a quote or a line break is quoted, quotes doubled.
 * - CSV injection: a text cell (product code, name, description) starting with = + - @ or a tab or
 *   CR gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it as
 *   a formula (OWASP). Numbers are ours, never escaped: -5,00 stays a number.
 */
export interface InvoiceCsvOptions extends InvoiceViewOptions {
  /** Default `da`. */
  readonly lang?: Language;
}

type Row = Partial<Record<CsvColumn, string>>;

export const invoiceCsvColumns = (role: ViewerRole): CsvColumn[] => [
  'productCode',
  'name',
  'description',
  'units',
  'type',
  ...(canSee(role, 'cost') ? (['unitCost', 'amountCost'] as const) : []),
  ...(canSee(role, 'wholesale') ? (['unitWholesale', 'amountWholesale'] as const) : []),
  'unitPrice',
  'amount',
  'vatExempt',
  'from',
  'to',
];

/**
 * The CSV in its three parts, each a run of whole records: the byte-order mark and header row, one
 * record per line of the view, and the three totals rows. Together, in that order, they are the
 * file; a page of a very large invoice is the head, a run of lines, and on the last page the totals.
 * The line records are made on demand, a run at a time: quoting 10,000 long texts takes seconds,
 * and a page needs only its own.
 */
export interface InvoiceCsvParts {
  readonly head: string;
  /** Lines of the view (after selection and grouping). */
  readonly lineCount: number;
  /** The records of lines `start` to `end` (exclusive) of the view, each ending in CRLF. */
  readonly lines: (start: number, end: number) => string[];
  readonly totals: string;
}

export const invoiceCsvParts = (
  invoice: Invoice,
  role: ViewerRole,
  options: InvoiceCsvOptions = {},
): InvoiceCsvParts => {
  const language = documentLanguage(options.lang);
  const view = invoiceView(invoice, options);
  const columns = invoiceCsvColumns(role);
  const records = (rows: readonly Row[]): string =>
    stringify(
      rows.map((row) => columns.map((column) => row[column] ?? '')),
      {
        delimiter: language.csvDelimiter,
        record_delimiter: 'windows',
        // csv-stringify stops quoting a lone \n or \r once record_delimiter is set; a description with
        // a line break must still be one field.
        quote_record_delimiter: true,
      },
    );
  const heading = Object.fromEntries(columns.map((column) => [column, language.columns[column]])) as Row;
  return {
    head: `\uFEFF${records([heading])}`,
    lineCount: view.lines.length,
    lines: (start, end) =>
      splitRecords(records(view.lines.slice(start, end).map((line) => lineRow(line, language)))),
    totals: records(totalsRows(view.totals, language)),
  };
};

export const invoiceCsv = (invoice: Invoice, role: ViewerRole, options: InvoiceCsvOptions = {}): string => {
  const { head, lineCount, lines, totals } = invoiceCsvParts(invoice, role, options);
  return head + lines(0, lineCount).join('') + totals;
};

/**
 * The records of one stringify call, each with its CRLF (one call for all lines: a call per line
 * costs ten times as much). A CRLF inside a quoted field is not a record's end; a doubled quote
 * toggles twice, so the count of quotes tells inside from outside.
 */
const splitRecords = (csv: string): string[] => {
  const result: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < csv.length; index += 1) {
    const char = csv.charCodeAt(index);
    if (char === 34) quoted = !quoted;
    else if (!quoted && char === 13 && csv.charCodeAt(index + 1) === 10) {
      result.push(csv.slice(start, index + 2));
      start = index + 2;
      index += 1;
    }
  }
  return result;
};

const lineRow = (line: PricedLine, language: DocumentLanguage): Row => {
  const price = (n: number) => formatNumber(n, language, 2);
  return {
    productCode: text(line.productCode),
    name: text(line.name),
    description: text(line.description ?? ''),
    units: formatNumber(line.units, language),
    type: language.unitTypes[line.type],
    unitCost: price(line.unitCost),
    amountCost: price(line.amountCost),
    unitWholesale: price(line.unitWholesale),
    amountWholesale: price(line.amountWholesale),
    unitPrice: price(line.unitPrice),
    amount: price(line.amount),
    vatExempt: line.vatExempt ? language.yes : language.no,
    from: line.from ? language.formatDate(line.from) : '',
    to: line.to ? language.formatDate(line.to) : '',
  };
};

const totalsRows = (totals: InvoiceTotals, language: DocumentLanguage): Row[] => {
  const amount = (n: number) => formatNumber(n, language, 2);
  return [
    {
      name: language.totals.subTotal,
      amountCost: amount(totals.subTotalCost),
      amountWholesale: amount(totals.subTotalWholesale),
      amount: amount(totals.subTotal),
    },
    {
      name: language.totals.vat,
      amountCost: amount(totals.vatCost),
      amountWholesale: amount(totals.vatWholesale),
      amount: amount(totals.vat),
    },
    {
      name: language.totals.total,
      amountCost: amount(sumAmounts([totals.subTotalCost, totals.vatCost])),
      amountWholesale: amount(sumAmounts([totals.subTotalWholesale, totals.vatWholesale])),
      amount: amount(totals.total),
    },
  ];
};

const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text from users, made safe to open in a spreadsheet. */
const text = (value: string): string => (formulaStart.test(value) ? `'${value}` : value);
