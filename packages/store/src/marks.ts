import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { exportedToField } from './exported-to.ts';
import {
  exportMarkKey,
  invoiceHeaderSort,
  invoicePartition,
  invoiceTimelinePrefix,
  markIndexKey,
  pendingExportKey,
} from './keys.ts';

/**
 * That an invoice has gone to a system, in one transaction: the mark (its latest time, earlier
 * ones kept as history), the header's summary (what exports and export tracking filter on) and a
 * timeline entry. The same mark written again (a retried step) changes nothing.
 */
export interface ExportMark {
  readonly reseller: string;
  readonly invoice: string;
  /** `economic`, `uniconta`, `economic:platform`, or another system's own id. */
  readonly system: string;
  readonly at: string;
  readonly by?: string;
  readonly exportId?: string;
  readonly draftNumber?: string;
  readonly note?: string;
  /** The timeline's word for it. */
  readonly event: string;
}

export class InvoiceGone extends Error {
  public override readonly name = 'InvoiceGone';
}

const summaryOf = (mark: ExportMark) => ({
  at: mark.at,
  ...(mark.exportId ? { exportId: mark.exportId } : {}),
  ...(mark.draftNumber ? { draftNumber: mark.draftNumber } : {}),
  ...(mark.note ? { note: mark.note } : {}),
});

/** One update of an invoice's header for all its marks of a call: a transaction touches an item once. */
const headerAction = (marks: readonly ExportMark[]) => ({
  Update: {
    TableName: tableName(),
    Key: { pk: invoicePartition(marks[0]!.reseller, marks[0]!.invoice), sk: invoiceHeaderSort },
    UpdateExpression: `SET ${marks.map((_, index) => `exportedTo.#s${index} = :m${index}`).join(', ')}`,
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: Object.fromEntries(
      marks.map((mark, index) => [`#s${index}`, exportedToField(mark.system)]),
    ),
    ExpressionAttributeValues: Object.fromEntries(
      marks.map((mark, index) => [`:m${index}`, summaryOf(mark)]),
    ),
  },
});

const markActions = (mark: ExportMark): TransactWriteCommandInput['TransactItems'] & object => {
  const pk = invoicePartition(mark.reseller, mark.invoice);
  const summary = summaryOf(mark);
  const byTime = markIndexKey(mark.reseller, mark.system, mark.at, mark.invoice);
  return [
    {
      Update: {
        TableName: tableName(),
        Key: exportMarkKey(mark.reseller, mark.invoice, mark.system),
        UpdateExpression:
          'SET #system = :system, #at = :at, #type = :type, invoice = :invoice, gsi2pk = :byTime, gsi2sk = :when, history = list_append(if_not_exists(history, :none), :this)',
        ConditionExpression: 'attribute_not_exists(#at) OR #at <> :at',
        ExpressionAttributeNames: { '#system': 'system', '#at': 'at', '#type': 'type' },
        ExpressionAttributeValues: {
          ':system': mark.system,
          ':at': mark.at,
          ':none': [],
          ':this': [summary],
          ':type': 'export-mark',
          ':invoice': mark.invoice,
          ':byTime': byTime.gsi2pk,
          ':when': byTime.gsi2sk,
        },
      },
    },
    // Taken: no longer pending for this system (export tracking's list).
    { Delete: { TableName: tableName(), Key: pendingExportKey(mark.reseller, mark.invoice, mark.system) } },
    {
      Put: {
        TableName: tableName(),
        Item: {
          pk,
          sk: `${invoiceTimelinePrefix}${mark.at}#${mark.system}`,
          type: 'invoice-timeline',
          at: mark.at,
          event: mark.event,
          system: mark.system,
          ...(mark.by ? { by: mark.by } : {}),
          ...(mark.note ? { note: mark.note } : {}),
          detail: summary,
        },
      },
    },
  ];
};

const actionsPerMark = 3;

/**
 * Writes several marks in one transaction (export tracking marks up to 10 per call, all or
 * nothing). 'already-marked' when every one of them was already written with its time.
 */
export const markExportedTogether = async (
  given: readonly ExportMark[],
): Promise<'marked' | 'already-marked'> => {
  // The same invoice and system twice in one call is one mark (the last one given).
  const marks = [...new Map(given.map((mark) => [`${mark.invoice}\n${mark.system}`, mark])).values()];
  const byInvoice = new Map<string, ExportMark[]>();
  for (const mark of marks) byInvoice.set(mark.invoice, [...(byInvoice.get(mark.invoice) ?? []), mark]);
  const headers = [...byInvoice.values()];
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [...headers.map(headerAction), ...marks.flatMap(markActions)],
      }),
    );
    return 'marked';
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    if (failed >= 0 && failed < headers.length)
      throw new InvoiceGone(`Invoice ${headers[failed]![0]!.invoice} does not exist`);
    if (failed >= headers.length && (failed - headers.length) % actionsPerMark === 0 && marks.length === 1)
      return 'already-marked';
    throw error;
  }
};

export const markExported = (mark: ExportMark): Promise<'marked' | 'already-marked'> =>
  markExportedTogether([mark]);
