import { openSeeder } from '#local/seeder';
import type { EconomicSimulator } from '#simulators/index';
import {
  adminApi,
  apiAs,
  createProduct,
  expectStatus,
  inParallel,
  monthEndLines,
  nextNumber,
} from '../lib/api.ts';
import {
  callsNeeded,
  countBy,
  duplicateReport,
  efficiency,
  endpointOf,
  everyNthCreateFails,
  rateLimitBound,
} from '../lib/export-figures.ts';
import { draftReferences, type ExportScenario, runExport, startSimulator } from '../lib/export-runs.ts';
import type { BenchSection, Figure } from '../lib/report.ts';
import { startBenchStack } from '../lib/stack.ts';

/**
 * Section: a month-end export at real size and e-conomic's real rate limit. One reseller, 20,000
 * customers with one invoice each (four dated lines over 300 products), exported to e-conomic at
 * the bucket measured on real agreements (10,000 tokens per 60 s, docs/contracts/economic.md §8),
 * 150 ms latency and 2 % of the creates answered 429/503. As a real month has them, most invoices
 * are the close's, dated the 1st, and a few were made by hand later in the month (`datedLater`):
 * the request's read of the month's headers meets the bunch of keys it must cut between its own
 * keys (packages/store/src/query-key-range.ts). The customers and invoices are made by
 * POST /customer's and POST /invoice's own code in this process (tools/local-runtime/src/seeder.ts):
 * 40,000 HTTP calls would take longer than the export.
 */
export const scalePlan = {
  invoices: 20_000,
  products: 300,
  linesPerInvoice: 4,
  latencyMs: 150,
  bucket: { capacity: 10_000, refillPerSecond: 10_000 / 60 },
  failEveryNthCreate: 50,
  month: '2026-11',
  /** Invoices dated after the 1st, one every day from the 2nd to the 28th in turn. */
  datedLater: 50,
} as const;

/** The close's invoices are dated the 1st; the last `datedLater` were made by hand later in the month. */
export const scaleInvoiceDate = (index: number): string => {
  const later = index - (scalePlan.invoices - scalePlan.datedLater);
  const day = later < 0 ? 1 : 2 + (later % 27);
  return `${scalePlan.month}-${String(day).padStart(2, '0')}`;
};

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

export const section: BenchSection = {
  id: 'export-scale',
  title: 'A 20,000-invoice export at e-conomic’s real rate limit',
  run: async ({ log }) => {
    // Tables in memory: seeding 20,000 customers and invoices waited on DynamoDB Local's disk
    // (SQLite) for seven minutes; no deployed table has that disk, and the export is what is measured.
    const stack = await startBenchStack({ env: { FAKTURA_LOCAL_DYNAMODB_IN_MEMORY: '1' } });
    const seeder = openSeeder({ dynamodbEndpoint: `http://127.0.0.1:${stack.ports.DYNAMODB_PORT}` });
    const simulator = (await startSimulator(stack, 'economic')) as EconomicSimulator;
    try {
      const admin = await adminApi(stack);
      const n = nextNumber();
      const reseller = expectStatus(
        await admin('POST', '/reseller', {
          name: `Month-end ${n}`,
          email: `staff${n}@bench.example`,
          finance: { accountingEmail: `books${n}@bench.example` },
        }),
        201,
        'reseller',
      ).body._id as string;
      const caller = { role: 'RESELLER' as const, reseller, userId: 'bench-seeder' };
      const products = await inParallel(scalePlan.products, 6, (i) =>
        createProduct(stack, i % 3 === 0 ? { unitType: 'MIN', kind: 'usage' } : { unitType: 'MONTHS' }),
      );
      const started = Date.now();
      const numbers = Array.from({ length: scalePlan.invoices }, () => nextNumber());
      log(`seeding ${scalePlan.invoices} customers and their invoices…`);
      const customers = await seeder.seedCustomers({
        caller,
        bodies: numbers.map((number) => ({
          name: `Kunde ${number}`,
          email: `kunde${number}@bench.example`,
          finance: { accountingSystemId: String(number) },
        })),
      });
      const invoices = await seeder.seedInvoices({
        caller,
        bodies: customers.map((customer, i) => ({
          customer,
          invoiceDate: scaleInvoiceDate(i),
          lines: monthEndLines(
            Array.from(
              { length: scalePlan.linesPerInvoice },
              (_, l) => products[(i * 7 + l) % products.length]!.id,
            ),
            scalePlan.linesPerInvoice,
            'dates',
          ),
        })),
      });
      const seedSeconds = (Date.now() - started) / 1000;
      log(`seeded in ${seedSeconds.toFixed(0)} s; exporting…`);
      simulator.control.preload({
        customers: numbers.map((number) => ({
          customerNumber: number,
          name: `Kunde ${number}`,
          customerGroup: 1,
        })),
        products: products.map((p) => ({ productNumber: p.code, name: `Produkt ${p.code}` })),
      });
      expectStatus(
        await admin('PUT', '/integration/economic/settings', {
          reseller,
          appSecretToken: 'sim-app-secret-token',
          agreementGrantToken: 'sim-agreement-grant-token',
          baseUrl: simulator.url,
        }),
        200,
        'settings',
      );
      simulator.control.clearRequests();
      simulator.control.configure({
        latency: { fixedMs: scalePlan.latencyMs },
        rateLimit: scalePlan.bucket,
        faults: { creates: everyNthCreateFails(scalePlan.failEveryNthCreate, scalePlan.invoices * 6) },
      });
      const token = await stack.token({ role: 'RESELLER', reseller, email: `staff${n}@bench.example` });
      const scenario: ExportScenario = {
        system: 'economic',
        simulator,
        tenant: { reseller, customers: [], api: apiAs(stack, token) },
        invoices,
        month: scalePlan.month,
      };
      const outcome = await runExport(scenario, 5_000);
      simulator.control.configure({ latency: null, rateLimit: null, faults: {} });
      log(`${outcome.job.status} in ${outcome.wallSeconds.toFixed(0)} s, ${outcome.requests.length} calls`);
      const calls = outcome.requests;
      // Where the wall time goes: the request, the drafts (first create to last), and the rest
      // (marking 20,000 invoices in DynamoDB, finishing, the e-mail).
      const creates = calls
        .filter((request) => request.method === 'POST')
        .map((request) => Date.parse(request.at));
      const firstCreate = Math.min(...creates);
      const lastCreate = Math.max(...creates);
      const finishedAt = outcome.job.finishedAt ? Date.parse(outcome.job.finishedAt) : lastCreate;
      const phases = {
        requestSeconds: round(outcome.requestSeconds, 1),
        draftsSeconds: round((lastCreate - firstCreate) / 1000, 1),
        createsPerSecond: round(creates.length / ((lastCreate - firstCreate) / 1000), 1),
        afterLastDraftSeconds: round((finishedAt - lastCreate) / 1000, 1),
      };
      const drafts = (await draftReferences(scenario)).filter((draft) =>
        draft.reference.startsWith(`FK-${outcome.exportId}-`),
      );

      const refused = calls.filter(
        (request) => request.status === 429 && request.notes.some((note) => note.startsWith('rate limited')),
      );
      const deletes = calls.filter((request) => request.method === 'DELETE');
      const masterDataReads = new Set(
        calls
          .filter((request) => request.method === 'GET' && !request.path.includes('orders'))
          .map(endpointOf)
          .filter((endpoint) => !endpoint.includes('{n}')),
      ).size;
      const needed = callsNeeded(invoices.length, 1, masterDataReads);
      const rate = scalePlan.bucket.refillPerSecond;
      const bound = rateLimitBound(needed, rate);
      const duplicates = duplicateReport(
        drafts.map((draft) => draft.reference),
        invoices.map((id) => `FK-${outcome.exportId}-${id}`),
      );
      const inputs = {
        invoices: invoices.length,
        customers: customers.length,
        products: products.length,
        linesPerInvoice: scalePlan.linesPerInvoice,
        dates: 'every line dated (from/to)',
        invoiceDates: `${scalePlan.invoices - scalePlan.datedLater} dated the 1st, ${scalePlan.datedLater} the 2nd to the 28th`,
        seedSeconds: round(seedSeconds, 0),
        simulator: {
          latencyMs: scalePlan.latencyMs,
          tokenBucket: { capacity: scalePlan.bucket.capacity, refillPerSecond: round(rate, 2) },
          injectedFaults: `every ${scalePlan.failEveryNthCreate}th create answered 429 or 503, alternately (2 %)`,
        },
        jobStatus: outcome.job.status,
        exported: outcome.job.exported,
        draftsDeletedByJob: outcome.job.drafts?.deleted,
        requestSeconds: round(outcome.requestSeconds, 2),
        calls: calls.length,
        callsNeeded: needed,
        masterDataReads,
        callsRefusedByBucket: refused.length,
        byEndpoint: countBy(calls, endpointOf),
        byStatus: countBy(calls, (request) => String(request.status ?? 'dropped')),
        rateLimitBoundSeconds: round(bound, 1),
        phases,
        loadAverageAtEnd: outcome.loadAverage.map((value) => round(value, 2)),
      };
      const common = `A 20,000-invoice export (one invoice per customer, ${scalePlan.invoices - scalePlan.datedLater} dated the 1st and ${scalePlan.datedLater} later in the month, ${scalePlan.linesPerInvoice} dated lines over ${scalePlan.products} products) to the e-conomic simulator at ${scalePlan.latencyMs} ms latency, token bucket 10,000 per 60 s (e-conomic's measured one), 2 % of creates failing 429/503.`;
      const figures: Figure[] = [
        {
          id: 'export.economic.20000.completed',
          value: outcome.job.status === 'succeeded' && outcome.job.exported === invoices.length ? 1 : 0,
          unit: 'boolean',
          method: `${common} 1 when the job succeeded with every invoice exported.`,
          inputs,
        },
        {
          id: 'export.economic.20000.wallSeconds',
          value: round(outcome.wallSeconds, 1),
          unit: 's',
          method: `${common} From sending the export request to the job's finishedAt.`,
          inputs,
        },
        {
          id: 'export.economic.20000.requestSeconds',
          value: round(outcome.requestSeconds, 2),
          unit: 's',
          method: `${common} The export request's answer (every check of 20,000 invoices, the job written, the queue told): under API Gateway's 29 s.`,
          inputs,
        },
        {
          id: 'export.economic.20000.duplicates',
          value: duplicates.duplicates,
          unit: 'count',
          method: `${common} Drafts whose reference appears more than once, plus invoices without a draft, read through e-conomic's own API after the run.`,
          inputs: { ...inputs, ...duplicates, draftsOfExport: drafts.length },
        },
        {
          id: 'export.economic.20000.compensations',
          value: deletes.length + (outcome.job.drafts?.deleted ?? 0),
          unit: 'count',
          method: `${common} DELETE calls the simulator received plus drafts the job says it deleted.`,
          inputs,
        },
        {
          id: 'export.economic.20000.callsPerInvoice',
          value: round(calls.length / invoices.length),
          unit: 'calls',
          method: `${common} Every call the simulator logged from the export request on (refused ones included) ÷ invoices.`,
          inputs,
        },
        {
          id: 'export.economic.20000.refusedShare',
          value: round(refused.length / calls.length, 4),
          unit: 'ratio',
          method: `${common} Calls the token bucket refused with 429 ÷ every call.`,
          inputs,
        },
        {
          id: 'export.economic.20000.efficiency',
          value: round(efficiency(bound, outcome.wallSeconds)),
          unit: 'ratio',
          method: `${common} The rate-limit bound (the calls needed: one create per invoice and one read of each kind of master data, ÷ ${round(rate, 2)}/s; the bucket's 10,000-token start is left out) ÷ the measured wall time.`,
          inputs,
        },
      ];
      return { section: 'export-scale', title: section.title, figures };
    } finally {
      await simulator.stop();
      seeder.close();
      await stack.stop();
    }
  },
};
