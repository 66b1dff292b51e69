/**
 * Percentiles by the nearest-rank method: the p-th percentile of n samples is the sample of rank
 * ⌈p/100 × n⌉ in ascending order — always a value that was measured, never an interpolation. With
 * 200 samples the p99 is the 198th: the two slowest are above it.
 */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is not in (0, 100]`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
};

/** The median of some samples (the mean of the middle two for an even count). */
export const median = (samples: readonly number[]): number => {
  if (samples.length === 0) throw new Error('No samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export interface Summary {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** Rounded to 0.1 (milliseconds, in practice). */
export const summarize = (samples: readonly number[]): Summary => {
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    samples: samples.length,
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    mean: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
  };
};
