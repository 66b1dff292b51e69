import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ExportableInvoiceHeader,
  InvalidCursorError,
  isExportedTo,
  type UnexportedQuery,
} from '#app/ports/store';
import { batchGetAll } from './batch-get.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';
import { feedStart } from './export-systems.ts';
import { fromItem } from './item.ts';
import { invoiceHeaderSort, invoicePartition, markIndexKey, pendingExportIndexKey } from './keys.ts';
import { feedQuery, pendingExportRepository } from './pending-exports.ts';

type Phase = 'pending' | 'feed' | 'marked';
const phases: readonly Phase[] = ['pending', 'feed', 'marked'];

/** Where a list is: its phase, the last index position read in it, and the frontier it split the feed at. */
interface Position {
  readonly phase: Phase;
  readonly after: string;
  readonly frontier: string;
}

const maxIndexPagesPerRequest = 10;

const isPosition = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 200;

/**
 * A cursor names the system and the registration it was given for: the same name retired and
 * registered again is another list, whose pending items are not where the old cursor points.
 */
const readPosition = (query: UnexportedQuery, frontier: string): Position => {
  const decoded = decodeCursor(query.cursor);
  if (!decoded) return { phase: 'pending', after: feedStart, frontier };
  const { phase, after, frontier: split, system, generation } = decoded;
  if (
    !phases.includes(phase as Phase) ||
    !isPosition(after) ||
    !isPosition(split) ||
    system !== query.system.name ||
    generation !== query.system.generation
  )
    throw new InvalidCursorError('Not a cursor of this list');
  return { phase: phase as Phase, after, frontier: split };
};

const nextPhase = (query: UnexportedQuery, position: Position): Position | undefined => {
  if (position.phase === 'pending') return { ...position, phase: 'feed', after: position.frontier };
  if (position.phase === 'feed' && query.notExportedSince)
    return { ...position, phase: 'marked', after: feedStart };
  return undefined;
};

/** The phase's index query, from after `position.after`; undefined when the phase has nothing left. */
const indexQuery = (db: Db, query: UnexportedQuery, position: Position, limit: number) => {
  const { reseller, system } = query;
  switch (position.phase) {
    case 'pending':
      if (position.after >= position.frontier) return undefined;
      return new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :after AND :frontier',
        ExpressionAttributeValues: {
          ':pk': pendingExportIndexKey(reseller, system.name, system.generation, '', '').gsi1pk,
          ':after': position.after,
          ':frontier': position.frontier,
        },
        Limit: limit,
      });
    case 'feed':
      return feedQuery(db, reseller, position.after, { limit });
    case 'marked':
      if (position.after >= query.notExportedSince!) return undefined;
      return new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :after AND :since',
        ExpressionAttributeValues: {
          ':pk': markIndexKey(reseller, system.name, '', '').gsi2pk,
          ':after': position.after,
          ':since': query.notExportedSince!,
        },
        Limit: limit,
      });
  }
};

const positionOf = (item: Record<string, unknown>, phase: Phase): string =>
  (phase === 'marked' ? item.gsi2sk : item.gsi1sk) as string;

/**
 * The invoices a system has not taken yet, oldest first, a page at a time, in three phases:
 *
 * 1. `pending`: the system's pending items (gsi1, its registration's partition) up to the frontier
 *    the list started from: behind it, every unmarked invoice has one;
 * 2. `feed`: the reseller's feed after that frontier (the invoices too recent, or not yet reached,
 *    to have a pending item), less those marked for the system;
 * 3. `marked`, only with `not_exported_since`: those the system took before that time (gsi2).
 *
 * The first two split the feed at one position, so no invoice is in both and none falls between;
 * an invoice created while a client pages comes after everything it has read, in the feed. Each
 * request first moves the frontier a bounded step (pending-exports.ts), so the feed phase stays
 * short and a page costs the same however many invoices were exported before. Filters that the
 * indexes cannot apply (booked, filter_groups) are applied to the headers; a request reads a
 * bounded number of index pages and answers a cursor when it stops early.
 */
export const exportTrackingRepository = (db: Db) => {
  const { deletePendingItems, materializePending } = pendingExportRepository(db);

  const listUnexported = async (
    query: UnexportedQuery,
  ): Promise<{ invoices: ExportableInvoiceHeader[]; after: string[]; cursor?: string }> => {
    const invoices: ExportableInvoiceHeader[] = [];
    // The cursor after each invoice: a caller that answers fewer (an answer's byte budget) goes on from there.
    const after: string[] = [];
    const stale: string[] = [];
    const cursorAt = (position: Position): string =>
      encodeCursor({ ...position, system: query.system.name, generation: query.system.generation })!;
    const finish = async (cursor?: string) => {
      // Pending items of invoices marked meanwhile: gone, so that the next request does not read them.
      await deletePendingItems(query.reseller, query.system.name, stale);
      return { invoices, after, ...(cursor ? { cursor } : {}) };
    };

    // Every request moves the frontier a step (a later page too: a long paging keeps it close);
    // the split of this list is where it stood when the list began.
    const frontier = await materializePending(query.reseller, query.system);
    let position: Position | undefined = readPosition(query, frontier);
    for (let page = 0; page < maxIndexPagesPerRequest && position; page += 1) {
      const request = indexQuery(db, query, position, Math.max(query.limit, 25));
      const response = request ? await db.client.send(request) : { Items: [], LastEvaluatedKey: undefined };
      // BETWEEN includes its lower end, which the previous page has read already.
      const items = (response.Items ?? []).filter(
        (item) => positionOf(item, position!.phase) > position!.after,
      );
      const headers = new Map(
        (
          await batchGetAll(
            db,
            items.map((item) => ({
              pk: invoicePartition(query.reseller, item.invoice as string),
              sk: invoiceHeaderSort,
            })),
          )
        ).map((item) => [item.id as string, fromItem<ExportableInvoiceHeader>(item)]),
      );
      for (const item of items) {
        const header = headers.get(item.invoice as string);
        const marked = header !== undefined && isExportedTo(header, query.system.name);
        if (marked && position.phase === 'pending') stale.push(header.id);
        const wanted = header !== undefined && (position.phase === 'marked' || !marked);
        if (wanted && query.accept(header)) {
          invoices.push(header);
          after.push(cursorAt({ ...position, after: positionOf(item, position.phase) }));
        }
        if (invoices.length === query.limit) {
          const here: Position = { ...position, after: positionOf(item, position.phase) };
          const atEnd = item === items.at(-1) && !response.LastEvaluatedKey && !nextPhase(query, here);
          return finish(atEnd ? undefined : cursorAt(here));
        }
      }
      const last = items.at(-1);
      if (response.LastEvaluatedKey)
        position = {
          ...position,
          after: last
            ? positionOf(last, position.phase)
            : positionOf(response.LastEvaluatedKey, position.phase),
        };
      else position = nextPhase(query, position);
    }
    return finish(position ? cursorAt(position) : undefined);
  };

  return { listUnexported };
};
