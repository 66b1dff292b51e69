import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportableInvoiceHeader, InvoiceHeader, StoredInvoice } from '#app/ports/store';
import { batchGetAll } from './batch-get.ts';
import type { Db } from './db.ts';
import { unpackLines } from './invoice-chunks.ts';
import { headerOf } from './invoice-header.ts';
import { fromItem } from './item.ts';
import { invoiceChunkSort, invoiceDocumentRange, invoiceHeaderSort, invoicePartition } from './keys.ts';
import { queryAll } from './query-all.ts';

/** An invoice from its header item and its line chunks in key order; a chunk missing is an error, not fewer lines. */
const storedInvoiceOf = (
  header: Record<string, unknown>,
  chunks: readonly Record<string, unknown>[],
): StoredInvoice => {
  if (chunks.length !== header.chunkCount)
    throw new Error(
      `Invoice ${header.id as string} has ${chunks.length} of ${header.chunkCount} line chunks`,
    );
  const lines = chunks.flatMap((chunk) => unpackLines(chunk.lines as Uint8Array));
  const {
    lineCount: _count,
    chunkCount: _chunks,
    requestHash,
    ...rest
  } = fromItem<InvoiceHeader & { chunkCount: number; requestHash?: string }>(header);
  return { invoice: { ...rest, lines }, requestHash };
};

/** Invoices read whole (one, or several at once) or by header alone; their timeline is invoice-timeline.ts. */
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
    return header
      ? storedInvoiceOf(
          header,
          items.filter((item) => item.sk !== invoiceHeaderSort),
        )
      : undefined;
  };

  /**
   * Several whole invoices of one tenant, by id: their headers in one BatchGetItem per 100, then
   * their line chunks (named by each header's chunk count) the same way. Why: an export's batch
   * read its invoices one query each, most of the DynamoDB round trips an export made. Those that
   * do not exist are absent.
   */
  const getInvoices = async (
    reseller: string,
    ids: readonly string[],
  ): Promise<Map<string, StoredInvoice>> => {
    const headers = await batchGetAll(
      db,
      ids.map((id) => ({ pk: invoicePartition(reseller, id), sk: invoiceHeaderSort })),
    );
    const chunkKeys = headers.flatMap((header) =>
      Array.from({ length: header.chunkCount as number }, (_, index) => ({
        pk: header.pk,
        sk: invoiceChunkSort(index),
      })),
    );
    const chunksByInvoice = new Map<string, Record<string, unknown>[]>();
    for (const chunk of await batchGetAll(db, chunkKeys)) {
      const invoice = chunk.pk as string;
      chunksByInvoice.set(invoice, [...(chunksByInvoice.get(invoice) ?? []), chunk]);
    }
    return new Map(
      headers.map((header) => {
        const chunks = (chunksByInvoice.get(header.pk as string) ?? []).sort((a, b) =>
          (a.sk as string).localeCompare(b.sk as string),
        );
        return [header.id as string, storedInvoiceOf(header, chunks)];
      }),
    );
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

  return { getInvoice, getInvoices, getInvoiceHeader, getInvoiceHeaders };
};
