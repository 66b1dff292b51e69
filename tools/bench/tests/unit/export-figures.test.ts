import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import {
  callsNeeded,
  countBy,
  duplicateReport,
  efficiency,
  endpointOf,
  everyNthCreateFails,
  rateLimitBound,
  startOffsets,
} from '../../lib/export-figures.ts';
import { historyStats } from '../../lib/export-runs.ts';

describe('duplicateReport', () => {
  it('is all zeros when every invoice has exactly one draft', () => {
    expect(duplicateReport(['a', 'b', 'c'], ['c', 'b', 'a'])).toEqual({
      duplicateDrafts: 0,
      invoicesWithoutDraft: 0,
      strayDrafts: 0,
      duplicates: 0,
    });
  });

  it('counts every copy of a doubled reference, and every invoice without a draft', () => {
    // Act
    const report = duplicateReport(['a', 'a', 'b', 'b', 'b', 'x'], ['a', 'b', 'c', 'd']);

    // Assess
    expect(report).toEqual({ duplicateDrafts: 5, invoicesWithoutDraft: 2, strayDrafts: 1, duplicates: 7 });
  });
});

describe('the calls an export needs', () => {
  it('counts each invoice’s creates and one read of each kind of master data, nothing resent or refused', () => {
    // Act & Assess
    expect(callsNeeded(1_000, 1, 6)).toBe(1_006);
    expect(callsNeeded(1_000, 2, 3)).toBe(2_003);
  });
});

describe('the rate-limit bound and the efficiency', () => {
  it('is invoices × calls per invoice ÷ rate, over the measured time', () => {
    // Prepare: 1,000 invoices × 2 admitted calls at 5/s: 400 s at best
    const bound = rateLimitBound(2_000, 5);

    // Act & Assess
    expect(bound).toBe(400);
    expect(efficiency(bound, 500)).toBe(0.8);
    expect(efficiency(bound, 400)).toBe(1);
  });

  it('refuses a rate or a wall time of 0', () => {
    expect(() => rateLimitBound(10, 0)).toThrow(RangeError);
    expect(() => efficiency(10, 0)).toThrow(RangeError);
  });
});

describe('endpointOf and countBy', () => {
  it('takes the numbers out of a path and keeps the Uniconta filter name', () => {
    expect(endpointOf({ method: 'GET', path: '/orders/drafts/123' })).toBe('GET /orders/drafts/{n}');
    expect(
      endpointOf({
        method: 'GET',
        path: '/api/Entities/DebtorOrderClient',
        query: { Name: 'YourRef', Value: 'FK-1' },
      }),
    ).toBe('GET /api/Entities/DebtorOrderClient?Name=YourRef');
    expect(countBy(['b', 'a', 'b'], (x) => x)).toEqual({ a: 1, b: 2 });
  });
});

describe('everyNthCreateFails', () => {
  it('fails 2 % of the creates, 429 and 503 alternately', () => {
    // Act
    const rules = everyNthCreateFails(50, 200);

    // Assess
    expect(rules).toEqual([
      { action: 'fail', status: 429, nth: 50 },
      { action: 'fail', status: 503, nth: 100 },
      { action: 'fail', status: 429, nth: 150 },
      { action: 'fail', status: 503, nth: 200 },
    ]);
  });
});

describe('historyStats', () => {
  it('counts a transition per state entered plus one per Task retry, and finds the largest payload', () => {
    // Prepare: a Task entered once and invoked twice (one retry), then a Succeed state
    const events = [
      { type: 'ExecutionStarted', executionStartedEventDetails: { input: '{"exportId":"x"}' } },
      { type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'ExportBatch', input: '{"batch":0}' } },
      {
        type: 'TaskScheduled',
        taskScheduledEventDetails: { parameters: '{"FunctionName":"f","Payload":{}}' },
      },
      { type: 'TaskFailed' },
      { type: 'TaskScheduled', taskScheduledEventDetails: { parameters: '{}' } },
      { type: 'TaskSucceeded', taskSucceededEventDetails: { output: 'ø'.repeat(40) } },
      { type: 'TaskStateExited', stateExitedEventDetails: { name: 'ExportBatch', output: '0' } },
      { type: 'SucceedStateEntered', stateEnteredEventDetails: { name: 'Done', input: '{}' } },
    ] as unknown as HistoryEvent[];

    // Act
    const stats = historyStats(events);

    // Assess
    expect(stats.events).toBe(8);
    expect(stats.stateTransitions).toBe(3);
    expect(stats.maxPayloadBytes).toBe(80);
    expect(stats.maxPayloadEvent).toBe('TaskSucceeded.output');
  });
});

describe('startOffsets', () => {
  it('starts the runs with the most calls at the lowest rate first, the given seconds apart', () => {
    // Prepare
    const runs = [
      { system: 'economic', rate: 5 },
      { system: 'economic', rate: 10 },
      { system: 'uniconta', rate: 5 },
      { system: 'uniconta', rate: 10 },
    ] as const;

    // Act
    const offsets = startOffsets(runs, 5);

    // Assess: Uniconta at 5/s (2 calls an invoice) first, e-conomic at 10/s last; a tie keeps the order given.
    expect(offsets).toEqual([5, 15, 0, 10]);
  });
});
