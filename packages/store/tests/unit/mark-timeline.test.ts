import { describe, expect, it } from 'vitest';
import { timelineOf } from '../../src/mark-timeline.ts';

const pk = 'T#r1#INVOICE#inv1';
const created = {
  pk,
  sk: 'TIMELINE#2026-11-01T09:00:00.000Z#a1b2c3',
  type: 'invoice-timeline',
  at: '2026-11-01T09:00:00.000Z',
  event: 'created',
  by: 'staff@telco.example',
};
const paid = {
  pk,
  sk: 'TIMELINE#2026-11-20T10:00:00.000Z#economic#0#paid',
  type: 'invoice-timeline',
  at: '2026-11-20T10:00:00.000Z',
  event: 'paid',
  system: 'economic',
};
const markItem = (system: string, history: Record<string, unknown>[]) => ({
  pk,
  sk: `MARK#${system}`,
  type: 'export-mark',
  system,
  at: history.at(-1)!.at,
  history,
});

describe('timelineOf', () => {
  it('tells each time a mark was written, in time order among the invoice’s other entries', () => {
    // Prepare: exported on the 2nd, exported again on the 25th, paid between
    const marks = [
      markItem('economic', [
        {
          at: '2026-11-02T08:00:00.000Z',
          exportId: 'job1',
          draftNumber: '17',
          event: 'exported to e-conomic',
        },
        {
          at: '2026-11-25T08:00:00.000Z',
          exportId: 'job2',
          draftNumber: '31',
          event: 'exported to e-conomic',
          by: 'staff@telco.example',
        },
      ]),
    ];

    // Act
    const timeline = timelineOf([created, paid], marks);

    // Assess
    expect(timeline).toEqual([
      { at: created.at, event: 'created', by: 'staff@telco.example' },
      {
        at: '2026-11-02T08:00:00.000Z',
        event: 'exported to e-conomic',
        system: 'economic',
        detail: { at: '2026-11-02T08:00:00.000Z', exportId: 'job1', draftNumber: '17' },
      },
      { at: paid.at, event: 'paid', system: 'economic' },
      {
        at: '2026-11-25T08:00:00.000Z',
        event: 'exported to e-conomic',
        system: 'economic',
        by: 'staff@telco.example',
        detail: { at: '2026-11-25T08:00:00.000Z', exportId: 'job2', draftNumber: '31' },
      },
    ]);
  });

  it('tells a mark written with its own timeline item once, from that item', () => {
    // Prepare: a mark of before, whose history entry has no event, and its timeline item
    const stored = {
      pk,
      sk: 'TIMELINE#2026-11-02T08:00:00.000Z#bi',
      type: 'invoice-timeline',
      at: '2026-11-02T08:00:00.000Z',
      event: 'taken by bi',
      system: 'bi',
      note: 'nightly',
      detail: { at: '2026-11-02T08:00:00.000Z', note: 'nightly' },
    };
    const marks = [markItem('bi', [{ at: '2026-11-02T08:00:00.000Z', note: 'nightly' }])];

    // Act
    const timeline = timelineOf([stored], marks);

    // Assess
    expect(timeline).toEqual([
      {
        at: stored.at,
        event: 'taken by bi',
        system: 'bi',
        note: 'nightly',
        detail: stored.detail,
      },
    ]);
  });

  it('tells a note given with the mark on the entry and in its detail, as the timeline item did', () => {
    // Act
    const timeline = timelineOf(
      [],
      [markItem('bi', [{ at: '2026-11-03T08:00:00.000Z', note: 'nightly', event: 'taken by bi' }])],
    );

    // Assess
    expect(timeline).toEqual([
      {
        at: '2026-11-03T08:00:00.000Z',
        event: 'taken by bi',
        system: 'bi',
        note: 'nightly',
        detail: { at: '2026-11-03T08:00:00.000Z', note: 'nightly' },
      },
    ]);
  });
});
