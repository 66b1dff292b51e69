import { defaultSettings } from '#infra/stack-config';
import type { LoggedRequest } from '#simulators/index';
import {
  callsNeeded,
  countBy,
  createsPerInvoice,
  duplicateReport,
  efficiency,
  endpointOf,
  rateLimitBound,
} from '../lib/export-figures.ts';
import { type ExportOutcome, systemLabel } from '../lib/export-runs.ts';
import type { BenchSection, Figure } from '../lib/report.ts';
import { throughputPlan, throughputRuns } from '../lib/throughput-runs.ts';

/**
 * Section 4: export throughput of 1,000 invoices into each accounting system's simulator at 150 ms
 * latency, behind a token bucket of 5 and of 10 requests/s (burst 10), with 2 % of the creates
 * answered 429/503. The four runs go side by side, started a few seconds apart (tools/bench/lib/throughput-runs.ts).
 */
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The export's batches in flight at once, as deployed (the saga Map's maxConcurrency). */
const lanes = defaultSettings.exportMaxConcurrency;

/**
 * Where an export's wall time went, in seconds from the request: its answer, the first call the
 * accounting system saw, the last create it saw, and the job's end. What lies outside the calls
 * (before the first, after the last) is the export's fixed time, which the rate bound does not pay for.
 */
const exportTimeline = (outcome: ExportOutcome, creates: readonly LoggedRequest[]) => {
  const since = (iso: string | undefined) =>
    iso === undefined ? null : round((Date.parse(iso) - outcome.requestedAt) / 1000, 2);
  const lastCreate = since(creates.at(-1)?.at);
  return {
    requestAnsweredSeconds: round(outcome.requestSeconds, 2),
    firstCallSeconds: since(outcome.requests[0]?.at),
    firstCreateSeconds: since(creates[0]?.at),
    lastCreateSeconds: lastCreate,
    finishedSeconds: round(outcome.wallSeconds, 2),
    afterLastCreateSeconds: lastCreate === null ? null : round(outcome.wallSeconds - lastCreate, 2),
  };
};

export const section: BenchSection = {
  id: 'export-throughput',
  title: 'Export throughput against rate-limited accounting simulators',
  run: async (context) => {
    const runs = await throughputRuns(context);
    const figures: Figure[] = [];
    for (const run of runs) {
      const { system, rate, outcome, drafts, scenario, execution } = run;
      const prefix = `export.${system}.${rate}rps`;
      const invoices = scenario.invoices.length;
      const calls = outcome.requests;
      const refused = calls.filter(
        (request) => request.status === 429 && request.notes.some((n) => n.startsWith('rate limited')),
      );
      const admitted = calls.length - refused.length;
      const perInvoiceCalls = calls.filter((request) => /orders|DebtorOrder/.test(request.path));
      const fixedCalls = calls.length - perInvoiceCalls.length;
      // One read of each kind of master data: each collection read in full (one GET each at this
      // size); reads of one record (`/customers/{n}`, `?Name=Account`) are reads again.
      const masterDataReads = new Set(
        calls
          .filter((request) => request.method === 'GET' && !/orders|DebtorOrder/.test(request.path))
          .map(endpointOf)
          .filter((endpoint) => !endpoint.includes('{n}') && !endpoint.includes('?Name=')),
      ).size;
      const needed = callsNeeded(invoices, createsPerInvoice[system], masterDataReads);
      const bound = rateLimitBound(needed, rate);
      const ours = drafts.filter((draft) => draft.reference.startsWith(`FK-${outcome.exportId}-`));
      const report = duplicateReport(
        ours.map((draft) => draft.reference),
        scenario.invoices.map((id) => `FK-${outcome.exportId}-${id}`),
      );
      const inputs = {
        system: systemLabel[system],
        timeline: exportTimeline(outcome, perInvoiceCalls),
        sagaStates: Object.fromEntries(
          Object.entries(execution.states).map(([state, { firstEntered, lastExited }]) => [
            state,
            `${round((firstEntered - outcome.requestedAt) / 1000, 2)}–${round((lastExited - outcome.requestedAt) / 1000, 2)} s`,
          ]),
        ),
        invoices,
        linesPerInvoice: 2,
        jobStatus: outcome.job.status,
        exported: outcome.job.exported,
        simulator: {
          latencyMs: throughputPlan.latencyMs,
          tokenBucket: { refillPerSecond: rate, capacity: throughputPlan.burst },
          injectedFaults: `every ${throughputPlan.failEveryNthCreate}th create answered 429 or 503, alternately (2 %)`,
        },
        concurrentRuns: runs.map((other) => `${other.system}@${other.rate}/s`),
        loadAverageAtEnd: outcome.loadAverage.map((value) => round(value, 2)),
        calls: calls.length,
        callsAdmittedByBucket: admitted,
        callsRefusedByBucket: refused.length,
        callsNeeded: needed,
        createsPerInvoice: createsPerInvoice[system],
        masterDataReads,
        fixedPerExportCalls: fixedCalls,
        fixedCallsIncluded: true,
        byEndpoint: countBy(calls, endpointOf),
        byStatus: countBy(calls, (request) => String(request.status ?? 'dropped')),
        rateLimitBoundSeconds: round(bound, 1),
        sagaMaxConcurrency: lanes,
        // The saga runs `lanes` batches at once, each with up to 32 drafts in flight
        // (packages/app/src/exports/run-export-batch.ts): at `rate`/s and the calls needed per
        // invoice c, a lane may spend lanes × c ÷ rate seconds per invoice and still keep the bucket busy.
        secondsPerInvoicePerLane: round((outcome.wallSeconds * lanes) / invoices),
        secondsPerInvoicePerLaneTheRateAllows: round((lanes * needed) / invoices / rate),
        sagaRetryIntervals: 'as deployed (2 s × 2ⁿ, full jitter)',
      };
      const common = `A 1,000-invoice export (2 lines each) to the ${systemLabel[system]} simulator at ${throughputPlan.latencyMs} ms latency, token bucket ${rate}/s burst ${throughputPlan.burst}, 2 % of creates failing 429/503; run beside the other three runs of this section (started ${throughputPlan.startSpacingSeconds} s apart, the longest first), each against its own simulator and bucket.`;
      figures.push(
        {
          id: `${prefix}.wallSeconds`,
          value: round(outcome.wallSeconds, 1),
          unit: 's',
          method: `${common} From sending POST /integration/${system}/invoice/draft to the job's finishedAt.`,
          inputs,
        },
        {
          id: `${prefix}.callsPerInvoice`,
          value: round(calls.length / invoices),
          unit: 'calls',
          method: `${common} Every request the simulator logged from the export request on (verifyCredentials and the master-data reads of the request included, 429-refused calls included) ÷ invoices.`,
          inputs: { ...inputs, perInvoiceCallsOnly: round(perInvoiceCalls.length / invoices) },
        },
        {
          id: `${prefix}.duplicates`,
          value: report.duplicates,
          unit: 'count',
          method: `${common} Drafts in the simulator whose reference (FK-<export>-<invoice>) appears more than once, plus invoices without a draft, read through the system's own API after the run.`,
          inputs: { ...inputs, ...report, draftsOfExport: ours.length },
        },
        {
          id: `${prefix}.efficiency`,
          value: round(efficiency(bound, outcome.wallSeconds)),
          unit: 'ratio',
          method: `${common} The rate-limit bound (the calls the export needs ÷ ${rate}/s: each invoice's creates, ${createsPerInvoice[system]} here, and one read of each kind of master data; calls refused, resent or read again are not needed, and the initial burst is left out) divided by the measured wall time.`,
          inputs,
        },
        {
          id: `${prefix}.refusedShare`,
          value: round(refused.length / calls.length, 4),
          unit: 'ratio',
          method: `${common} The calls the simulator's token bucket refused with 429 ÷ every call the export made (the simulator's own injected faults are not counted: they are not the bucket's).`,
          inputs,
        },
      );
    }
    return { section: 'export-throughput', title: section.title, figures };
  },
};
