import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from '../../lib/percentiles.ts';

describe('percentile (nearest rank)', () => {
  it('answers a measured sample, never an interpolation', () => {
    // Prepare
    const samples = [15, 20, 35, 40, 50];

    // Act & Assess
    expect(percentile(samples, 30)).toBe(20);
    expect(percentile(samples, 40)).toBe(20);
    expect(percentile(samples, 50)).toBe(35);
    expect(percentile(samples, 100)).toBe(50);
  });

  it('puts the p99 of 200 samples at the 198th: the two slowest are above it', () => {
    // Prepare: 1..200, shuffled
    const samples = Array.from({ length: 200 }, (_, i) => ((i * 7) % 200) + 1);

    // Act
    const p99 = percentile(samples, 99);

    // Assess
    expect(p99).toBe(198);
    expect(percentile(samples, 50)).toBe(100);
  });

  it('makes the p99 of 20 samples the slowest one', () => {
    expect(percentile([...Array.from({ length: 19 }, () => 1), 9], 99)).toBe(9);
  });

  it('refuses no samples and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarizes without changing the input order', () => {
    // Prepare
    const samples = [3, 1, 2];

    // Act
    const summary = summarize(samples);

    // Assess
    expect(summary).toEqual({ samples: 3, p50: 2, p99: 3, min: 1, max: 3, mean: 2 });
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it('is the middle sample, or the mean of the middle two', () => {
    // Act & Assess
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('No samples');
  });
});
