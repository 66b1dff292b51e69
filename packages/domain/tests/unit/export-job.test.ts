import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftReference, exportPeriod, toBatches } from '../../src/export-job.ts';

describe('exportPeriod', () => {
  it.each([
    ['2026-11-01', '2026-11-30'],
    ['2026-02-01', '2026-02-28'],
    ['2028-02-01', '2028-02-29'],
    ['2026-12-15', '2026-12-31'],
  ])('%s runs to %s', (from, to) => {
    expect(exportPeriod(from)).toEqual({ from, to });
  });
});

describe('toBatches', () => {
  it('keeps every item once, in order, in batches of at most the size', () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), fc.integer({ min: 1, max: 50 }), (items, size) => {
        const batches = toBatches(items, size);
        expect(batches.flat()).toEqual(items);
        expect(batches.every((batch) => batch.length >= 1 && batch.length <= size)).toBe(true);
      }),
    );
  });
});

describe('draftReference', () => {
  it('fits every accounting system’s reference field', () => {
    expect(draftReference('65f000000000000000000001', '65f000000000000000000002')).toHaveLength(52);
  });
});
