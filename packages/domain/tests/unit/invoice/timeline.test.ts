import { describe, expect, it } from 'vitest';
import { type TimelineEntry, timelineFor } from '../../../src/invoice/timeline.ts';

const entries: TimelineEntry[] = [
  {
    at: '2026-11-01T08:00:00.000Z',
    event: 'created',
    by: 'staff@nordlys.dk',
    detail: { lines: 2, total: 125 },
  },
  {
    at: '2026-11-02T08:00:00.000Z',
    event: 'exported to e-conomic as draft 17',
    by: 'staff@nordlys.dk',
    system: 'economic',
    detail: { exportId: 'x', draftNumber: '17' },
  },
  { at: '2026-11-03T08:00:00.000Z', event: 'marked exported to bi', system: 'bi', note: 'intern note' },
  { at: '2026-11-04T08:00:00.000Z', event: 'sent', by: 'staff@nordlys.dk' },
  { at: '2026-11-05T08:00:00.000Z', event: 'paid', note: 'betalt kontant' },
];

describe('timelineFor', () => {
  it.each(['ADMIN', 'RESELLER'] as const)('shows %s every entry as written', (role) => {
    expect(timelineFor(role, entries)).toEqual(entries);
  });

  it('shows a USER only created, sent and paid, with the time and the event alone', () => {
    expect(timelineFor('USER', entries)).toEqual([
      { at: '2026-11-01T08:00:00.000Z', event: 'created' },
      { at: '2026-11-04T08:00:00.000Z', event: 'sent' },
      { at: '2026-11-05T08:00:00.000Z', event: 'paid' },
    ]);
  });
});
