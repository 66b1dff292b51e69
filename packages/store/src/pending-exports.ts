import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type ExportableInvoiceHeader, type ExportSystem, isExportedTo } from '#app/ports/store';
import { batchGetAll } from './batch-get.ts';
import { batchWriteAll } from './batch-write.ts';
import type { Db } from './db.ts';
import { exportSystemRepository } from './export-systems.ts';
import { fromItem } from './item.ts';
import {
  invoiceFeedIndexKey,
  invoiceHeaderSort,
  invoicePartition,
  pendingExportIndexKey,
  pendingExportKey,
} from './keys.ts';

/**
 * A system's pending items ("not yet taken by X"), written behind its frontier a bounded step at
 * a time instead of by invoice creation (which would cost an action per system) or by
 * registration (which would cost a write per existing invoice in one request).
 *
 * The frontier may only pass a feed position when no invoice can still appear before it: an
 * invoice's `createdAt` is taken before its transaction commits, at most a function's timeout
 * earlier. `feedGraceSeconds` covers the longest timeout of any function that writes (the infra
 * tests hold it to the catalog) plus clock skew between functions; what is younger is read from
 * the feed itself (export-tracking.ts), never skipped.
 */
export const feedGraceSeconds = 600;

/** Feed entries a list request turns into pending items, at most: a few round trips. */
export const materializeStep = 100;

/** The pending item of an invoice for a registration of a system. */
export const pendingItem = (
  header: Pick<ExportableInvoiceHeader, 'reseller' | 'id' | 'customer' | 'createdAt'>,
  system: Pick<ExportSystem, 'name' | 'generation'>,
) => ({
  ...pendingExportKey(header.reseller, header.id, system.name),
  ...pendingExportIndexKey(header.reseller, system.name, system.generation, header.createdAt, header.id),
  type: 'export-pending',
  invoice: header.id,
  customer: header.customer,
  system: system.name,
  generation: system.generation,
  createdAt: header.createdAt,
});

/** The feed (a reseller's invoices in creation order) after `after`, up to `before` when given. */
export const feedQuery = (
  db: Db,
  reseller: string,
  after: string,
  options: { readonly before?: string; readonly limit: number; readonly startKey?: Record<string, unknown> },
) =>
  new QueryCommand({
    TableName: db.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: options.before
      ? 'gsi1pk = :pk AND gsi1sk BETWEEN :after AND :before'
      : 'gsi1pk = :pk AND gsi1sk > :after',
    ExpressionAttributeValues: {
      ':pk': invoiceFeedIndexKey(reseller, '', '').gsi1pk,
      ':after': after,
      ...(options.before ? { ':before': options.before } : {}),
    },
    Limit: options.limit,
    ExclusiveStartKey: options.startKey,
  });

/** The pending items of the systems that pull a reseller's invoices. */
export const pendingExportRepository = (db: Db) => {
  const { advanceFrontier } = exportSystemRepository(db);

  /**
   * One step: the feed entries after the frontier and older than the grace period become pending
   * items for the system (those its invoice has no mark for), then the frontier moves past them.
   * The items are written before the frontier moves, so whoever reads the frontier finds everything
   * behind it written. An invoice marked while this runs may get a pending item anyway: the list
   * drops (and deletes) a pending item whose invoice is marked.
   *
   * Returns the frontier this call vouches for: every feed entry up to it has its pending item (or
   * a mark), whether or not another request moved the stored frontier further meanwhile.
   */
  const materializePending = async (
    reseller: string,
    system: ExportSystem,
    now: Date = new Date(),
  ): Promise<string> => {
    const cutoff = new Date(now.getTime() - feedGraceSeconds * 1000).toISOString();
    if (system.frontier >= cutoff) return system.frontier;
    const { Items = [] } = await db.client.send(
      feedQuery(db, reseller, system.frontier, { before: cutoff, limit: materializeStep }),
    );
    // BETWEEN includes its ends: the frontier itself is already behind us.
    const entries = Items.filter((item) => (item.gsi1sk as string) > system.frontier);
    if (entries.length === 0) return system.frontier;
    const headers = await batchGetAll(
      db,
      entries.map((entry) => ({
        pk: invoicePartition(reseller, entry.invoice as string),
        sk: invoiceHeaderSort,
      })),
    );
    const pending = headers
      .map((item) => fromItem<ExportableInvoiceHeader>(item))
      .filter((header) => !isExportedTo(header, system.name))
      .map((header) => ({ PutRequest: { Item: pendingItem(header, system) } }));
    await batchWriteAll(db, pending);
    const reached = entries.at(-1)!.gsi1sk as string;
    await advanceFrontier(reseller, system, reached);
    return reached;
  };

  /** Pending items found stale (their invoice was marked meanwhile): removed, so later pages skip them. */
  const deletePendingItems = async (
    reseller: string,
    system: string,
    invoices: readonly string[],
  ): Promise<void> =>
    batchWriteAll(
      db,
      invoices.map((invoice) => ({ DeleteRequest: { Key: pendingExportKey(reseller, invoice, system) } })),
    );

  return { materializePending, deletePendingItems };
};
