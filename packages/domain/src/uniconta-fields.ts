/**
 * What Uniconta takes in the text fields a Faktura export sends (docs/contracts/uniconta.md §3a,
 * "Field limits Faktura relies on"): the one rule that both the pre-export check (a value that
 * cannot be sent is a `422 multiple` problem `uniconta.field`, before anything is exported) and
 * the Uniconta adapter (which sends exactly the value this rule gives) apply.
 *
 * Per field:
 * - surrounding white space is trimmed silently: it is invisible on the order, and Uniconta's own
 *   client trims what is typed;
 * - a value empty after trimming is left out (Uniconta fills a line's text from its item), except
 *   our reference, which the adapter needs to find the order again;
 * - a value longer than the field holds, or holding a character Uniconta cannot store as typed
 *   text (a control character, half a surrogate pair), is refused, never cut: a cut line text
 *   would change what the customer reads on the invoice, and the notes do not say that Uniconta
 *   cuts (an over-long value fails the insert, as the simulator models it).
 *
 * Lengths count UTF-16 code units, as .NET's `string.Length` does (an emoji counts 2).
 *
 * The debtor's name is not among the fields: the order names its debtor by `Account` and Uniconta
 * prints its own debtor's name. `Account` and `Item` are keys that must match the master data as
 * they are (a key with a space is another key), so they are checked by existence, not here.
 */
import type { ExportProblem } from './export-checks.ts';

export type UnicontaTextField = 'YourRef' | 'Remark' | 'Text';

/** The most each field holds, in UTF-16 code units (how sure each is: docs/contracts/uniconta.md §3a). */
export const unicontaFieldLimits: Readonly<Record<UnicontaTextField, number>> = {
  /** The order's reference (ours: `FK-<export>-<invoice>`, 52 characters). */
  YourRef: 60,
  /** The order's remark: Faktura's heading ("Faktura 1234 - <headline> (period)"). */
  Remark: 250,
  /** A line's text: "<name> - <description> (period)" and what was billed. */
  Text: 250,
};

/** Only the remark is a multi-line memo in Uniconta; the reference and a line's text are one line. */
const multiLine: ReadonlySet<UnicontaTextField> = new Set(['Remark']);

export type UnicontaFieldFault = 'too-long' | 'invalid-character';

export type UnicontaFieldOutcome =
  /** The value to send; undefined: leave the field out. */
  | { readonly ok: true; readonly value: string | undefined }
  | { readonly ok: false; readonly fault: UnicontaFieldFault; readonly length: number };

// C0 and C1 controls and DEL (Unicode's Cc); a memo keeps its tabs and line breaks. A lone half of a
// surrogate pair is a code point of its own (Cs) under the u flag; a whole pair is one character.
const controlInLine = /\p{Cc}/u;
const controlInMemo = /(?![\t\n\r])\p{Cc}/u;
const loneSurrogate = /\p{Cs}/u;

/** The value Uniconta gets for `field`, trimmed, or why it cannot get it. */
export const unicontaField = (field: UnicontaTextField, raw: string): UnicontaFieldOutcome => {
  const value = raw.trim();
  const control = multiLine.has(field) ? controlInMemo : controlInLine;
  if (control.test(value) || loneSurrogate.test(value))
    return { ok: false, fault: 'invalid-character', length: value.length };
  if (value.length > unicontaFieldLimits[field])
    return { ok: false, fault: 'too-long', length: value.length };
  return { ok: true, value: value === '' ? undefined : value };
};

/** The texts of one sales order as the export maps an invoice (packages/accounting/src/mapping.ts). */
export interface UnicontaOrderTexts {
  readonly reference: string;
  readonly heading: string;
  readonly lines: readonly { readonly description: string }[];
}

export interface UnicontaFieldProblem {
  /** As Uniconta names it: `YourRef`, `Remark`, `lines[2].Text` (index in the order's lines). */
  readonly field: string;
  readonly fault: UnicontaFieldFault;
  readonly length: number;
  readonly limit: number;
}

/** Every field of the order that cannot be sent, in the order they are sent. */
export const unicontaOrderProblems = (order: UnicontaOrderTexts): UnicontaFieldProblem[] => {
  const problems: UnicontaFieldProblem[] = [];
  const check = (field: UnicontaTextField, name: string, raw: string) => {
    const outcome = unicontaField(field, raw);
    if (!outcome.ok)
      problems.push({
        field: name,
        fault: outcome.fault,
        length: outcome.length,
        limit: unicontaFieldLimits[field],
      });
  };
  check('YourRef', 'YourRef', order.reference);
  check('Remark', 'Remark', order.heading);
  order.lines.forEach((line, index) => {
    check('Text', `lines[${index}].Text`, line.description);
  });
  return problems;
};

/** What is wrong, in the words of a problem's description: "1320 characters, Uniconta takes at most 250". */
export const unicontaFaultText = (
  problem: Pick<UnicontaFieldProblem, 'fault' | 'length' | 'limit'>,
): string =>
  problem.fault === 'too-long'
    ? `${problem.length} characters, Uniconta takes at most ${problem.limit}`
    : 'it holds a control character or a broken character, which Uniconta cannot store';

/** The problem key of a value that cannot be sent (docs: the export route's reference). */
export const unicontaFieldProblemKey = 'uniconta.field';

/**
 * The export problems of one invoice's order: `uniconta.field`, naming the field, the invoice and
 * its customer (by name, trimmed, as a person reads it), e.g. "Field lines[2].Text of invoice
 * 65f0… (Hansen ApS) cannot be sent to Uniconta: 1320 characters, Uniconta takes at most 250".
 */
export const unicontaFieldExportProblems = (
  invoice: string,
  customerName: string,
  order: UnicontaOrderTexts,
): ExportProblem[] =>
  unicontaOrderProblems(order).map((problem) => ({
    key: unicontaFieldProblemKey,
    description: `Field ${problem.field} of invoice ${invoice} (${customerName.trim()}) cannot be sent to Uniconta: ${unicontaFaultText(problem)}`,
  }));
