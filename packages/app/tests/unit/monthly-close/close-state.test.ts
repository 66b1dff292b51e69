import { describe, expect, it } from 'vitest';
import {
  MalformedCloseState,
  type ResellerCloseState,
  readRun,
} from '../../../src/monthly-close/close-state.ts';

describe('readRun', () => {
  it('hands the step the state it was given when the run and the fields it needs are there', () => {
    // Prepare
    const state = { month: '2026-11', run: 'close-2026-11-20261201T010000Z', reseller: 'r1', cursor: 'c' };

    // Act
    const read = readRun<ResellerCloseState>(state, ['reseller']);

    // Assess
    expect(read).toBe(state);
  });

  it.each([
    ['no input at all', undefined, [], 'month'],
    ['no month', { run: 'x' }, [], 'month'],
    ['an empty run', { month: '2026-11', run: '' }, [], 'run'],
    [
      'a reseller that is not a string',
      { month: '2026-11', run: 'x', reseller: 7 },
      ['reseller'],
      'reseller',
    ],
  ] as const)('refuses %s, naming the missing field', (_, event, also, field) => {
    // Act & Assess
    expect(() =>
      readRun<ResellerCloseState>(event, [...also] as (keyof ResellerCloseState & string)[]),
    ).toThrow(new MalformedCloseState(`The close step's input has no ${field}`));
  });
});
