import { createTenant, createUsageProduct, expectStatus, usageLines } from '../lib/api.ts';
import { measureExportRoundTrips } from '../lib/export-round-trips.ts';
import { countByOperation, type RecordedCall } from '../lib/recording-proxy.ts';
import type { BenchSection, Figure } from '../lib/report.ts';
import { startBenchStack } from '../lib/stack.ts';

/** The export measured: large enough that its batches are of their full size (docs/performance.md §9). */
const exportedInvoices = 1_000;

/**
 * Section 2: DynamoDB round trips per `POST /invoice` and per `GET /invoice/{id}`, and per exported
 * invoice of a whole export (its request and every saga step) to each system, counted on the
 * wire by a recording proxy in front of DynamoDB Local (see tools/bench/lib/recording-proxy.ts), which the
 * local stack hands the handlers as their DynamoDB endpoint. Nothing else talks to DynamoDB while a
 * request is measured, so every call between the request and its answer is that request's.
 */
const sizes = [10, 1_000, 10_000] as const;
/** Each size is measured this many times; the figure is the largest count seen (they should all agree). */
const repetitions = 3;

const method =
  'DynamoDB requests seen by a recording HTTP proxy in front of DynamoDB Local (X-Amz-Target, SDK retries included) between sending the request to the local HTTP API and its answer; the RESELLER role (its tenant is in its token).';

/** Why a create takes two calls where the budget says one (reported, not hidden). */
const createNote =
  'The budget says 1; the create needs 2: one BatchGetItem (customer, the products of its lines, the current-invoice items it takes, the reseller’s export systems: up to 100 keys) and one TransactWriteItems. Prices, VAT and the product codes come from the stored products, so they must be read before the write; 1 call would need a client that sends the prices and a transaction that only ConditionChecks the customer and products (and still could not compute the totals it stores). 2 is the minimum for a server-priced invoice.';

export const section: BenchSection = {
  id: 'round-trips',
  title: 'DynamoDB round trips per invoice request',
  run: async ({ log }) => {
    const stack = await startBenchStack({ dynamodb: {} });
    const proxy = stack.dynamodb!;
    try {
      const tenant = await createTenant(stack, 'Round trips');
      const product = await createUsageProduct(stack);
      proxy.reset();
      const all: RecordedCall[] = [];
      const measure = async <T>(action: () => Promise<T>) => {
        proxy.reset();
        const result = await action();
        const calls = [...proxy.calls()];
        all.push(...calls);
        return { result, calls: calls.length, byOperation: countByOperation(calls) };
      };

      const figures: Figure[] = [];
      for (const lines of sizes) {
        const body = { customer: tenant.customers[0]!.id, lines: usageLines(product.id, lines) };
        const creates = [];
        const gets = [];
        for (let i = 0; i < repetitions; i += 1) {
          const create = await measure(() => tenant.api('POST', '/invoice', body));
          expectStatus(create.result, 201, `POST /invoice (${lines} lines)`);
          creates.push(create);
          const id = create.result.body._id as string;
          const get = await measure(() => tenant.api('GET', `/invoice/${id}`));
          expectStatus(get.result, 200, `GET /invoice (${lines} lines)`);
          if (get.result.body.lines.length !== lines)
            throw new Error(`GET /invoice: ${get.result.body.lines.length} lines of ${lines}`);
          gets.push(get);
        }
        log(
          `round trips at ${lines} lines: create ${creates.map((c) => c.calls)}, get ${gets.map((g) => g.calls)}`,
        );
        for (const [kind, runs] of [
          ['create', creates],
          ['get', gets],
        ] as const) {
          const worst = runs.reduce((a, b) => (b.calls > a.calls ? b : a));
          figures.push({
            id: `roundTrips.dynamodb.${kind}.${lines}`,
            value: worst.calls,
            unit: 'calls',
            method: `${method} The largest of ${repetitions} requests.`,
            inputs: {
              lines,
              request:
                kind === 'create'
                  ? 'POST /invoice (lines given inline, a new customer invoice)'
                  : 'GET /invoice/{id} (JSON)',
              byOperation: worst.byOperation,
              callsPerRepetition: runs.map((run) => run.calls),
              requestBytes: kind === 'create' ? Buffer.byteLength(JSON.stringify(body)) : undefined,
              ...(kind === 'create' ? { overBudget: createNote } : {}),
            },
          });
        }
      }
      for (const system of ['economic', 'uniconta'] as const) {
        const run = await measureExportRoundTrips(stack, proxy, system, exportedInvoices);
        log(
          `round trips of a ${run.invoices}-invoice export to ${system}: request ${run.requestCalls}, saga ${run.sagaCalls} (${run.executionStatus}, ${run.exported} drafts)`,
        );
        if (run.executionStatus !== 'SUCCEEDED' || run.exported !== run.invoices)
          throw new Error(
            `export to ${system}: ${run.executionStatus} with ${run.exported} of ${run.invoices} drafts`,
          );
        figures.push({
          id: `roundTrips.dynamodb.export.${system}.perInvoice`,
          value: Math.round(((run.requestCalls + run.sagaCalls) / run.invoices) * 1000) / 1000,
          unit: 'calls',
          method:
            'DynamoDB requests seen by the recording proxy from the export request (POST /integration/{system}/invoice/draft, RESELLER) to the end of its execution (read from the local Step Functions, not from the status route), divided by the invoices exported: the request, prepare, every batch, every mark step, finalize and notify. The simulator without rate limit or faults.',
          inputs: {
            invoices: run.invoices,
            linesPerInvoice: 2,
            customers: 50,
            requestCalls: run.requestCalls,
            sagaCalls: run.sagaCalls,
            byOperation: run.byOperation,
          },
        });
      }
      const byOperation = countByOperation(all);
      figures.push({
        id: 'roundTrips.dynamodb.scans',
        value: byOperation.Scan ?? 0,
        unit: 'calls',
        method:
          'Scan requests among every DynamoDB request the proxy saw during the measured requests of this section.',
        inputs: { requestsMeasured: sizes.length * repetitions * 2, byOperation },
      });
      return { section: 'round-trips', title: section.title, figures };
    } finally {
      await stack.stop();
    }
  },
};
