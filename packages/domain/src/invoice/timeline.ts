import type { ViewerRole } from './visibility.ts';

/**
 * What an invoice's timeline shows each role. ADMIN and RESELLER see every entry as written: who
 * exported or marked the invoice (staff e-mails), into which system, with the reseller's notes. The
 * end customer (USER) sees only what concerns it, that the invoice was created, sent or paid, and
 * when: no staff address, no note, no detail.
 *
 * Built from allowlists, like the invoice document (visibility.ts): an event or a field added later
 * stays hidden from the customer until someone decides to show it.
 */
/** One entry of an invoice's timeline, as stored and as ADMIN and RESELLER see it. */
export interface TimelineEntry {
  readonly at: string;
  readonly event: string;
  readonly by?: string;
  readonly system?: string;
  readonly note?: string;
  readonly detail?: Record<string, unknown>;
}

/** The events an end customer is told about. */
export const customerTimelineEvents: ReadonlySet<string> = new Set(['created', 'sent', 'paid']);

export const timelineFor = (role: ViewerRole, entries: readonly TimelineEntry[]): TimelineEntry[] =>
  role === 'USER'
    ? entries
        .filter((entry) => customerTimelineEvents.has(entry.event))
        .map(({ at, event }) => ({ at, event }))
    : [...entries];
