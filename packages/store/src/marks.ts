import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { exportMarkKey, invoiceHeaderSort, invoicePartition, invoiceTimelinePrefix } from './keys.ts';

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

export const markExported = async (mark: ExportMark): Promise<'marked' | 'already-marked'> => {
  const pk = invoicePartition(mark.reseller, mark.invoice);
  const summary = {
    at: mark.at,
    ...(mark.exportId ? { exportId: mark.exportId } : {}),
    ...(mark.draftNumber ? { draftNumber: mark.draftNumber } : {}),
    ...(mark.note ? { note: mark.note } : {}),
  };
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: exportMarkKey(mark.reseller, mark.invoice, mark.system),
              UpdateExpression:
                'SET #system = :system, #at = :at, #type = :type, history = list_append(if_not_exists(history, :none), :this)',
              ConditionExpression: 'attribute_not_exists(#at) OR #at <> :at',
              ExpressionAttributeNames: { '#system': 'system', '#at': 'at', '#type': 'type' },
              ExpressionAttributeValues: {
                ':system': mark.system,
                ':at': mark.at,
                ':none': [],
                ':this': [summary],
                ':type': 'export-mark',
              },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: { pk, sk: invoiceHeaderSort },
              UpdateExpression: 'SET exportedTo.#system = :summary',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#system': mark.system },
              ExpressionAttributeValues: { ':summary': summary },
            },
          },
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
        ],
      }),
    );
    return 'marked';
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'already-marked';
    if (reasons[1]?.Code === 'ConditionalCheckFailed')
      throw new InvoiceGone(`Invoice ${mark.invoice} does not exist`);
    throw error;
  }
};
