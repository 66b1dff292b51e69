import { performance } from 'node:perf_hooks';
import {
  adminApi,
  createProduct,
  createTenant,
  createUsageProduct,
  expectStatus,
  inParallel,
  type LineDates,
  monthEndLines,
  usageLines,
} from '../lib/api.ts';
import { summarize } from '../lib/percentiles.ts';
import type { BenchSection, Figure } from '../lib/report.ts';
import { startBenchStack } from '../lib/stack.ts';

/**
 * Section 3: handler latency through the local HTTP API (the gateway, the real handler, DynamoDB
 * Local), p50 and p99 of sequential requests, for create and get at 10, 1,000 and 10,000 lines.
 * No recording proxy here: the stack's handlers talk to DynamoDB Local directly.
 *
 * The month-end rows are the work resellers really send (issue 13): 10,000 lines over 300
 * products, each with the period it bills, as calendar dates (a reseller's staff) and as ISO
 * instants with an offset (ADMIN), each role reading back its own prices. Their ids name the
 * dates and the role: `latency.create.10000.dates.RESELLER.p50Ms`.
 */
interface Workload {
  readonly lines: number;
  readonly samples: number;
  /** Absent: the undated one-product usage invoice of the first rows, ids without dates and role. */
  readonly monthEnd?: { readonly dates: LineDates; readonly role: 'RESELLER' | 'ADMIN' };
}
const plan: readonly Workload[] = [
  { lines: 10, samples: 200 },
  { lines: 1_000, samples: 100 },
  { lines: 10_000, samples: 20 },
  { lines: 10_000, samples: 10, monthEnd: { dates: 'dates', role: 'RESELLER' } },
  { lines: 10_000, samples: 10, monthEnd: { dates: 'instants', role: 'ADMIN' } },
];
const monthEndProducts = 300;
const productKinds = [
  { kind: 'subscription', unitType: 'MONTHS', unitPrice: 99, unitWholesale: 60, unitCost: 30 },
  { kind: 'subscription', unitType: 'UNITS', unitPrice: 15, unitWholesale: 9, unitCost: 4 },
  { kind: 'usage', unitType: 'MIN', unitPrice: 0.25, unitWholesale: 0.12, unitCost: 0.05 },
] as const;
const warmUp = 5;

export const section: BenchSection = {
  id: 'latency',
  title: 'Handler latency through the local HTTP API',
  run: async ({ log }) => {
    const stack = await startBenchStack();
    try {
      const tenant = await createTenant(stack, 'Latency');
      const product = await createUsageProduct(stack);
      const catalogue = await inParallel(monthEndProducts, 8, (index) =>
        createProduct(stack, productKinds[index % productKinds.length]!),
      );
      const admin = await adminApi(stack);
      const figures: Figure[] = [];
      for (const { lines, samples, monthEnd } of plan) {
        const body = {
          customer: tenant.customers[0]!.id,
          lines: monthEnd
            ? monthEndLines(
                catalogue.map((made) => made.id),
                lines,
                monthEnd.dates,
              )
            : usageLines(product.id, lines),
        };
        const api = monthEnd?.role === 'ADMIN' ? admin : tenant.api;
        const name = monthEnd ? `${lines}.${monthEnd.dates}.${monthEnd.role}` : `${lines}`;
        const create: number[] = [];
        const get: number[] = [];
        for (let i = 0; i < warmUp + samples; i += 1) {
          let started = performance.now();
          const created = expectStatus(await api('POST', '/invoice', body), 201, 'POST /invoice');
          const createMs = performance.now() - started;
          started = performance.now();
          const read = expectStatus(await api('GET', `/invoice/${created.body._id}`), 200, 'GET /invoice');
          const getMs = performance.now() - started;
          if (read.body.lines.length !== lines)
            throw new Error(`GET /invoice: ${read.body.lines.length} of ${lines} lines`);
          if (i >= warmUp) {
            create.push(createMs);
            get.push(getMs);
          }
        }
        for (const [kind, durations, request] of [
          ['create', create, 'POST /invoice'],
          ['get', get, 'GET /invoice/{id}'],
        ] as const) {
          const summary = summarize(durations);
          log(`${kind} ${name} lines: p50 ${summary.p50} ms, p99 ${summary.p99} ms (${summary.samples})`);
          const inputs = {
            lines,
            ...(monthEnd
              ? { products: monthEndProducts, lineDates: monthEnd.dates, role: monthEnd.role }
              : { products: 1, lineDates: 'undated', role: 'RESELLER' }),
            samples: summary.samples,
            warmUpRequestsDiscarded: warmUp,
            request,
            minMs: summary.min,
            meanMs: summary.mean,
            maxMs: summary.max,
            requestBodyBytes: kind === 'create' ? Buffer.byteLength(JSON.stringify(body)) : 0,
          };
          const method = `Wall time from sending the request to having read the whole answer, measured by the client (fetch, keep-alive) against the local HTTP API on this machine, one request at a time (create then get of the invoice just made), ${summary.samples} samples after ${warmUp} discarded warm-up requests; nearest-rank percentile. Includes the local gateway, the JSON parse and response, and DynamoDB Local, not network latency to AWS.`;
          figures.push(
            { id: `latency.${kind}.${name}.p50Ms`, value: summary.p50, unit: 'ms', method, inputs },
            { id: `latency.${kind}.${name}.p99Ms`, value: summary.p99, unit: 'ms', method, inputs },
          );
        }
      }
      return { section: 'latency', title: section.title, figures };
    } finally {
      await stack.stop();
    }
  },
};
