import type { Language } from '../reseller.ts';

/**
 * What one e-mail says, worded once in the reader's language. The plain-text renderer
 * (text-mail.ts) and the HTML renderer (html-mail.ts) both render it and add no words of their own,
 * so the two parts of an e-mail cannot tell the reader different things.
 */
export interface MailContent {
  readonly language: Language;
  /** The subject without Faktura's tag, and the HTML part's heading. */
  readonly title: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  readonly table?: MailTable;
  readonly nextSteps?: { readonly heading: string; readonly steps: readonly string[] };
  /** Small print: which export or run this is about, so a reply or a search can name it. */
  readonly footer: string;
}

export interface MailTable {
  readonly headings: readonly string[];
  /** Each row's cells, as many as there are headings; an empty cell has nothing to say. */
  readonly rows: readonly (readonly string[])[];
  /** The columns that hold amounts, which a table right-aligns. */
  readonly numeric: readonly number[];
  /** The sum of one column, under that column; its label stands in the first, so not that one. */
  readonly total?: { readonly label: string; readonly value: string; readonly column: number };
  /** Said under the table (the rows left out of a long table, and where to find them). */
  readonly note?: string;
}
