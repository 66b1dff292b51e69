import { describe, expect, it } from 'vitest';
import { CallCounter } from '#accounting/http/call-counter';

describe('CallCounter.untold', () => {
  it('tells each call once, whoever asks, and keeps the counts per operation', () => {
    // Prepare
    const calls = new CallCounter();
    calls.record('createDraft');
    calls.record('createDraft');
    calls.record('loadMasterData');

    // Act
    const first = calls.untold();
    calls.record('deleteDraft');
    const second = calls.untold();
    const third = calls.untold();

    // Assess
    expect([first, second, third]).toEqual([3, 1, 0]);
    expect(calls.snapshot()).toEqual({ createDraft: 2, loadMasterData: 1, deleteDraft: 1 });
  });

  it('starts again from nothing after a reset', () => {
    // Prepare
    const calls = new CallCounter();
    calls.record('a');
    calls.untold();
    calls.reset();
    calls.record('b');

    // Act & Assess
    expect(calls.untold()).toBe(1);
  });
});
