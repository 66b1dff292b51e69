import type { BenchSection } from '../lib/report.ts';
import { section as bundles } from './bundles.ts';
import { section as compensation } from './compensation.ts';
import { section as exportScale } from './export-scale.ts';
import { section as exportThroughput } from './export-throughput.ts';
import { section as latency } from './latency.ts';
import { section as monthlyClose } from './monthly-close.ts';
import { section as roundTrips } from './round-trips.ts';
import { section as scale } from './scale.ts';
import { section as stepFunctions } from './step-functions.ts';

/**
 * The sections of `npm run bench`, in the order they run. Each module exports its `BenchSection`
 * as `section`; adding one is an import and an entry in this list. Step Functions reads the
 * executions of the export runs, so it follows them (run alone, it makes them itself).
 */
export const sections: readonly BenchSection[] = [
  bundles,
  roundTrips,
  latency,
  exportThroughput,
  stepFunctions,
  exportScale,
  compensation,
  scale,
  monthlyClose,
];
