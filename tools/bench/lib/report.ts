/**
 * The shape of `tools/bench/results/latest.json`: every figure carries the method that produced it and
 * the inputs it was measured with, so that a number in the report can be reproduced and argued
 * with. `tools/bench/budget.json` names figures by id (globs allowed) and `npm run bench -- --check`
 * compares them.
 */

/** One measured number. `id` is stable across runs: the budget and docs/performance.md name it. */
export interface Figure {
  /** Dotted, stable, e.g. `bundle.size.invoice-create`, `export.economic.5rps.efficiency`. */
  readonly id: string;
  readonly value: number;
  /** `bytes`, `ms`, `s`, `calls`, `ratio`, `count`, `lines`, `events`, `transitions`. */
  readonly unit: string;
  /** How it was measured, in a sentence. */
  readonly method: string;
  /** What it was measured with (sizes, rates, latency, counts). */
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/** The outcome of one section of the benchmark (bundles, round trips, export, ...). */
export interface SectionResult {
  readonly section: string;
  readonly title: string;
  readonly figures: readonly Figure[];
  /** Wall time of the section itself. */
  readonly seconds: number;
}

export interface BenchContext {
  /** Progress lines for the person watching; never part of the report. */
  readonly log: (message: string) => void;
}

/** A section of `npm run bench`: self-contained (it starts and stops what it needs). */
export interface BenchSection {
  readonly id: string;
  readonly title: string;
  run(context: BenchContext): Promise<Omit<SectionResult, 'seconds'>>;
}

export interface BenchReport {
  readonly generatedAt: string;
  readonly machine: Readonly<Record<string, unknown>>;
  readonly command: string;
  readonly sections: readonly SectionResult[];
}
