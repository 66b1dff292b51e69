import { performance } from 'node:perf_hooks';
import { createTenant, createUsageProduct, expectStatus, usageLines } from '../lib/api.ts';
import { summarize } from '../lib/percentiles.ts';
import type { BenchSection, Figure } from '../lib/report.ts';
import { startBenchStack } from '../lib/stack.ts';

/**
 * Section 3: handler latency through the local HTTP API (the gateway, the real handler, DynamoDB
 * Local), p50 and p99 of sequential requests, for create and get at 10, 1,000 and 10,000 lines.
 * No recording proxy here: the stack's handlers talk to DynamoDB Local directly.
 */
const plan = [
  { lines: 10, samples: 200 },
  { lines: 1_000, samples: 100 },
  { lines: 10_000, samples: 20 },
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
      const figures: Figure[] = [];
      for (const { lines, samples } of plan) {
        const body = { customer: tenant.customers[0]!.id, lines: usageLines(product.id, lines) };
        const create: number[] = [];
        const get: number[] = [];
        for (let i = 0; i < warmUp + samples; i += 1) {
          let started = performance.now();
          const created = expectStatus(await tenant.api('POST', '/invoice', body), 201, 'POST /invoice');
          const createMs = performance.now() - started;
          started = performance.now();
          const read = expectStatus(
            await tenant.api('GET', `/invoice/${created.body._id}`),
            200,
            'GET /invoice',
          );
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
          log(`${kind} ${lines} lines: p50 ${summary.p50} ms, p99 ${summary.p99} ms (${summary.samples})`);
          const inputs = {
            lines,
            samples: summary.samples,
            warmUpRequestsDiscarded: warmUp,
            request,
            role: 'RESELLER',
            minMs: summary.min,
            meanMs: summary.mean,
            maxMs: summary.max,
            requestBodyBytes: kind === 'create' ? Buffer.byteLength(JSON.stringify(body)) : 0,
          };
          const method = `Wall time from sending the request to having read the whole answer, measured by the client (fetch, keep-alive) against the local HTTP API on this machine, one request at a time (create then get of the invoice just made), ${summary.samples} samples after ${warmUp} discarded warm-up requests; nearest-rank percentile. Includes the local gateway, the JSON parse and response, and DynamoDB Local, not network latency to AWS.`;
          figures.push(
            { id: `latency.${kind}.${lines}.p50Ms`, value: summary.p50, unit: 'ms', method, inputs },
            { id: `latency.${kind}.${lines}.p99Ms`, value: summary.p99, unit: 'ms', method, inputs },
          );
        }
      }
      return { section: 'latency', title: section.title, figures };
    } finally {
      await stack.stop();
    }
  },
};
