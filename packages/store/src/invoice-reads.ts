import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportableInvoiceHeader, InvoiceHeader, StoredInvoice } from '#app/ports/store';
import type { TimelineEntry } from '#domain/invoice/timeline';
import { batchGetAll } from './batch-get.ts';
import type { Db } from './db.ts';
import { unpackLines } from './invoice-chunks.ts';
import { headerOf } from './invoice-header.ts';
import { fromItem } from './item.ts';
import { invoiceDocumentRange, invoiceHeaderSort, invoicePartition, invoiceTimelinePrefix } from './keys.ts';
import { queryAll } from './query-all.ts';

/** One invoice at a time: whole, its header alone, or its timeline. */
export const invoiceReadRepository = (db: Db) => {
  /** The whole invoice, header and lines, in one query (more pages only for very large invoices). */
  const getInvoice = async (reseller: string, id: string): Promise<StoredInvoice | undefined> => {
    const items = await queryAll(db, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: {
        ':pk': invoicePartition(reseller, id),
        ':first': invoiceDocumentRange[0],
        ':last': invoiceDocumentRange[1],
      },
    });
    const header = items.find((item) => item.sk === invoiceHeaderSort);
    if (!header) return undefined;
    const chunks = items.filter((item) => item.sk !== invoiceHeaderSort);
    if (chunks.length !== header.chunkCount)
      throw new Error(`Invoice ${id} has ${chunks.length} of ${header.chunkCount} line chunks`);
    const lines = chunks.flatMap((chunk) => unpackLines(chunk.lines as Uint8Array));
    const {
      lineCount: _count,
      chunkCount: _chunks,
      requestHash,
      ...rest
    } = fromItem<InvoiceHeader & { chunkCount: number; requestHash?: string }>(header);
    return { invoice: { ...rest, lines }, requestHash };
  };

  /** The header alone (no lines): one GetItem, for checks that need only who the invoice belongs to. */
  const getInvoiceHeader = async (reseller: string, id: string): Promise<InvoiceHeader | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({
        TableName: db.tableName,
        Key: { pk: invoicePartition(reseller, id), sk: invoiceHeaderSort },
      }),
    );
    return Item ? headerOf(Item) : undefined;
  };

  /**
   * The headers of several invoices, each in its tenant, in as few round trips as DynamoDB allows;
   * those that do not exist are absent.
   */
  const getInvoiceHeaders = async (
    invoices: readonly { readonly reseller: string; readonly id: string }[],
  ): Promise<ExportableInvoiceHeader[]> =>
    (
      await batchGetAll(
        db,
        invoices.map(({ reseller, id }) => ({ pk: invoicePartition(reseller, id), sk: invoiceHeaderSort })),
      )
    ).map((item) => headerOf<ExportableInvoiceHeader>(item));

  const getTimeline = async (reseller: string, id: string): Promise<TimelineEntry[]> =>
    (
      await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': invoicePartition(reseller, id),
          ':prefix': invoiceTimelinePrefix,
        },
      })
    ).map((item) => fromItem<TimelineEntry>(item));

  return { getInvoice, getInvoiceHeader, getInvoiceHeaders, getTimeline };
};
