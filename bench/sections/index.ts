import type { BenchSection } from '../lib/report.ts';
import { section as bundles } from './bundles.ts';

/**
 * The sections of `npm run bench`, in the order they run. Each module exports its `BenchSection`
 * as `section`; adding one is an import and an entry in this list.
 */
export const sections: readonly BenchSection[] = [
  bundles,
  // Sections 2–7 (round-trips, latency, export-throughput, compensation, step-functions, scale)
  // are added here, one line each, in that order.
];
