import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch-get.ts';
import { documentClient, tableName } from './client.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';
import type { ExportableInvoiceHeader } from './invoices.ts';
import { fromItem } from './item.ts';
import { invoiceHeaderSort, invoicePartition, markIndexKey, pendingExportIndexKey } from './keys.ts';

/**
 * The invoices a system has not taken yet, oldest first, a page at a time: first those still
 * pending for it (gsi1), then, when asked for re-export, those it took before a given time
 * (gsi2). Both are index queries on the system's own keys, so a page costs the same however many
 * invoices were exported before. Filters that the index cannot apply (booked, filter_groups) are
 * applied to the headers of the page; a request reads a bounded number of index pages.
 */
export interface UnexportedQuery {
  readonly reseller: string;
  readonly system: string;
  /** Also the invoices the system took before this time (ISO, UTC). */
  readonly notExportedSince?: string;
  readonly accept: (header: ExportableInvoiceHeader) => boolean;
  readonly limit: number;
  readonly cursor?: string;
}

type Phase = 'pending' | 'marked';
interface Position {
  readonly phase: Phase;
  readonly key?: Record<string, unknown>;
}

const maxIndexPagesPerRequest = 10;

const readPosition = (cursor: string | undefined): Position => {
  const decoded = decodeCursor(cursor);
  if (!decoded) return { phase: 'pending' };
  if (decoded.phase !== 'pending' && decoded.phase !== 'marked')
    throw new InvalidCursorError('Not a cursor of this list');
  return { phase: decoded.phase, key: decoded.key as Record<string, unknown> | undefined };
};

const indexQuery = (
  query: UnexportedQuery,
  phase: Phase,
  startKey: Record<string, unknown> | undefined,
  limit: number,
) =>
  phase === 'pending'
    ? new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': pendingExportIndexKey(query.reseller, query.system, '', '').gsi1pk,
        },
        ExclusiveStartKey: startKey,
        Limit: limit,
      })
    : new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :since',
        ExpressionAttributeValues: {
          ':pk': markIndexKey(query.reseller, query.system, '', '').gsi2pk,
          ':since': query.notExportedSince!,
        },
        ExclusiveStartKey: startKey,
        Limit: limit,
      });

const indexKeyOf = (item: Record<string, unknown>, phase: Phase): Record<string, unknown> =>
  phase === 'pending'
    ? { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk }
    : { pk: item.pk, sk: item.sk, gsi2pk: item.gsi2pk, gsi2sk: item.gsi2sk };

export const listUnexported = async (
  query: UnexportedQuery,
): Promise<{ invoices: ExportableInvoiceHeader[]; cursor?: string }> => {
  const invoices: ExportableInvoiceHeader[] = [];
  let position = readPosition(query.cursor);
  for (let page = 0; page < maxIndexPagesPerRequest; page += 1) {
    const response = await documentClient.send(
      indexQuery(query, position.phase, position.key, Math.max(query.limit, 25)),
    );
    const items = response.Items ?? [];
    const headers = new Map(
      (
        await batchGetAll(
          items.map((item) => ({
            pk: invoicePartition(query.reseller, item.invoice as string),
            sk: invoiceHeaderSort,
          })),
        )
      ).map((item) => [item.id as string, fromItem<ExportableInvoiceHeader>(item)]),
    );
    for (const item of items) {
      const header = headers.get(item.invoice as string);
      if (header && query.accept(header)) invoices.push(header);
      if (invoices.length === query.limit) {
        const more =
          item !== items.at(-1) ||
          response.LastEvaluatedKey !== undefined ||
          (position.phase === 'pending' && query.notExportedSince);
        return {
          invoices,
          ...(more
            ? { cursor: encodeCursor({ phase: position.phase, key: indexKeyOf(item, position.phase) }) }
            : {}),
        };
      }
    }
    if (response.LastEvaluatedKey) position = { phase: position.phase, key: response.LastEvaluatedKey };
    else if (position.phase === 'pending' && query.notExportedSince) position = { phase: 'marked' };
    else return { invoices };
  }
  return {
    invoices,
    cursor: encodeCursor({ phase: position.phase, ...(position.key ? { key: position.key } : {}) }),
  };
};
