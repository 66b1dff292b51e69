import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { MarkWriteOptions } from '#app/ports/export-store';
import { type ExportMark, exportedToField, InvoiceGone, MarksAlreadyWritten } from '#app/ports/store';
import { cancellationCodes } from './cancellation.ts';
import type { Db } from './db.ts';
import {
  exportMarkKey,
  invoiceHeaderSort,
  invoicePartition,
  markIndexKey,
  pendingExportKey,
} from './keys.ts';
import { markHistoryEntry, markSummary } from './mark-timeline.ts';

/** One update of an invoice's header for all its marks of a call: a transaction touches an item once. */
const headerAction = (db: Db, marks: readonly ExportMark[]) => ({
  Update: {
    TableName: db.tableName,
    Key: { pk: invoicePartition(marks[0]!.reseller, marks[0]!.invoice), sk: invoiceHeaderSort },
    UpdateExpression: `SET ${marks.map((_, index) => `exportedTo.#s${index} = :m${index}`).join(', ')}`,
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: Object.fromEntries(
      marks.map((mark, index) => [`#s${index}`, exportedToField(mark.system)]),
    ),
    ExpressionAttributeValues: Object.fromEntries(
      marks.map((mark, index) => [`:m${index}`, markSummary(mark)]),
    ),
  },
});

/** What markActions gives each mark: its own update first, then the pending item's removal if it takes one. */
const actionsPerMark = (takesPending: boolean): number => (takesPending ? 2 : 1);

const markActions = (
  db: Db,
  mark: ExportMark,
  takesPending: boolean,
): TransactWriteCommandInput['TransactItems'] & object => {
  const byTime = markIndexKey(mark.reseller, mark.system, mark.at, mark.invoice);
  return [
    {
      Update: {
        TableName: db.tableName,
        Key: exportMarkKey(mark.reseller, mark.invoice, mark.system),
        UpdateExpression:
          'SET #system = :system, #at = :at, #type = :type, invoice = :invoice, gsi2pk = :byTime, gsi2sk = :when, history = list_append(if_not_exists(history, :none), :this)',
        ConditionExpression: 'attribute_not_exists(#at) OR #at <> :at',
        ExpressionAttributeNames: { '#system': 'system', '#at': 'at', '#type': 'type' },
        ExpressionAttributeValues: {
          ':system': mark.system,
          ':at': mark.at,
          ':none': [],
          ':this': [markHistoryEntry(mark)],
          ':type': 'export-mark',
          ':invoice': mark.invoice,
          ':byTime': byTime.gsi2pk,
          ':when': byTime.gsi2sk,
        },
      },
    },
    // Taken: no longer pending for this system (export tracking's list).
    ...(takesPending
      ? [
          {
            Delete: {
              TableName: db.tableName,
              Key: pendingExportKey(mark.reseller, mark.invoice, mark.system),
            },
          },
        ]
      : []),
  ];
};

/**
 * That an invoice has gone to a system, in one transaction: the mark (its latest time, earlier
 * ones kept as history, which the invoice's timeline reads: mark-timeline.ts), the header's
 * summary (what exports and export tracking filter on), and the invoice no longer pending for the
 * system, unless the caller knows that no system pulls under the mark's name (MarkWriteOptions).
 * The same mark written again (a retried step) changes nothing.
 */
export const markRepository = (db: Db) => {
  /**
   * Writes several marks in one transaction (export tracking marks up to 10 per call, all or
   * nothing). 'already-marked' when every one of them was already written with its time.
   */
  const markExportedTogether = async (
    given: readonly ExportMark[],
    { pulled = true }: MarkWriteOptions = {},
  ): Promise<'marked' | 'already-marked'> => {
    // The same invoice and system twice in one call is one mark (the last one given).
    const marks = [...new Map(given.map((mark) => [`${mark.invoice}\n${mark.system}`, mark])).values()];
    const byInvoice = new Map<string, ExportMark[]>();
    for (const mark of marks) byInvoice.set(mark.invoice, [...(byInvoice.get(mark.invoice) ?? []), mark]);
    const headers = [...byInvoice.values()];
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            ...headers.map((group) => headerAction(db, group)),
            ...marks.flatMap((mark) => markActions(db, mark, pulled)),
          ],
        }),
      );
      return 'marked';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = codes.indexOf('ConditionalCheckFailed');
      if (failed >= 0 && failed < headers.length)
        throw new InvoiceGone(`Invoice ${headers[failed]![0]!.invoice} does not exist`);
      if (failed >= headers.length && (failed - headers.length) % actionsPerMark(pulled) === 0)
        if (marks.length === 1) return 'already-marked';
        else throw new MarksAlreadyWritten(`${marks.length} marks: one was already written with its time`);
      throw error;
    }
  };

  const markExported = (mark: ExportMark, options?: MarkWriteOptions): Promise<'marked' | 'already-marked'> =>
    markExportedTogether([mark], options);

  return { markExportedTogether, markExported };
};
