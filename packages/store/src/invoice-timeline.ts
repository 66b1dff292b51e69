import type { TimelineEntry } from '#domain/invoice/timeline';
import type { Db } from './db.ts';
import { exportMarkPrefix, invoicePartition, invoiceTimelinePrefix } from './keys.ts';
import { timelineOf } from './mark-timeline.ts';
import { queryAll } from './query-all.ts';

/**
 * An invoice's timeline. Apart from the invoice's own reads so that the functions that read
 * invoices (an export's batches, GET /invoice/{id}, export tracking) bundle none of the merge of
 * its marks' history (mark-timeline.ts).
 */
export const invoiceTimelineRepository = (db: Db) => {
  /** The items of an invoice's partition whose sort key begins with `prefix`. */
  const partitionItems = (reseller: string, id: string, prefix: string) =>
    queryAll(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': invoicePartition(reseller, id), ':prefix': prefix },
    });

  /** Its timeline items and its marks (whose history is on the timeline too: mark-timeline.ts), read at once. */
  const getTimeline = async (reseller: string, id: string): Promise<TimelineEntry[]> => {
    const [timelineItems, markItems] = await Promise.all([
      partitionItems(reseller, id, invoiceTimelinePrefix),
      partitionItems(reseller, id, exportMarkPrefix),
    ]);
    return timelineOf(timelineItems, markItems);
  };

  return { getTimeline };
};
