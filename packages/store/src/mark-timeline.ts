/**
 * An export mark on its invoice's timeline. The mark item keeps every time it was written in its
 * `history` (marks.ts), each with the event and who made it, and the timeline reads them from
 * there: a mark is two or three writes (header, mark, and a pending item where a system pulls), not
 * one more with a timeline item of its own (docs/performance.md: marking is what an export's end waits for).
 *
 * Marks written before then have their own timeline item (`TIMELINE#<at>#<system>`, as the
 * sort key below); such an item is read as it is and its history entry is not told twice.
 */
import type { ExportMark } from '#app/ports/store';
import type { TimelineEntry } from '#domain/invoice/timeline';
import { fromItem } from './item.ts';
import { invoiceTimelinePrefix } from './keys.ts';

/** What a mark's history keeps of each time it was written. */
export interface MarkHistoryEntry {
  readonly at: string;
  readonly exportId?: string;
  readonly draftNumber?: string;
  readonly note?: string;
  /** Absent from entries written before the timeline was read from the history. */
  readonly event?: string;
  readonly by?: string;
}

/** The summary the invoice's header shows for a system (its `exportedTo`), and the timeline entry's detail. */
export const markSummary = (mark: ExportMark) => ({
  at: mark.at,
  ...(mark.exportId ? { exportId: mark.exportId } : {}),
  ...(mark.draftNumber ? { draftNumber: mark.draftNumber } : {}),
  ...(mark.note ? { note: mark.note } : {}),
});

export const markHistoryEntry = (mark: ExportMark): MarkHistoryEntry => ({
  ...markSummary(mark),
  event: mark.event,
  ...(mark.by ? { by: mark.by } : {}),
});

/** Where a timeline entry sorts among the invoice's: by time, then system (the key a mark's own timeline item had). */
const markTimelineSort = (at: string, system: string): string => `${invoiceTimelinePrefix}${at}#${system}`;

/**
 * The invoice's timeline from its timeline items and its mark items, in key order: each mark's
 * history entries that carry their event, unless a timeline item of that mark already tells it.
 */
export const timelineOf = (
  timelineItems: readonly Record<string, unknown>[],
  markItems: readonly Record<string, unknown>[],
): TimelineEntry[] => {
  const told = new Set(timelineItems.map((item) => item.sk as string));
  const fromMarks = markItems.flatMap((item) => {
    const system = item.system as string;
    return ((item.history ?? []) as MarkHistoryEntry[]).flatMap((entry) => {
      const sk = markTimelineSort(entry.at, system);
      if (!entry.event || told.has(sk)) return [];
      const { event, by, ...detail } = entry;
      const timelineEntry: TimelineEntry = {
        at: entry.at,
        event,
        system,
        ...(by ? { by } : {}),
        ...(entry.note ? { note: entry.note } : {}),
        detail,
      };
      return [{ sk, entry: timelineEntry }];
    });
  });
  return [
    ...timelineItems.map((item) => ({ sk: item.sk as string, entry: fromItem<TimelineEntry>(item) })),
    ...fromMarks,
  ]
    .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0))
    .map(({ entry }) => entry);
};
