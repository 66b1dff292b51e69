import { defaultUnicontaRequestsPerSecond } from '#accounting/uniconta/rate-cap';
import { defaultSettings } from '#infra/stack-config';
import { countBy, endpointOf } from '../lib/export-figures.ts';
import {
  draftReferences,
  type ExportScenario,
  prepareScenario,
  prepareScenarios,
  runExport,
  type System,
  stopScenarios,
  systemLabel,
} from '../lib/export-runs.ts';
import type { BenchSection, Figure } from '../lib/report.ts';
import { startBenchStack } from '../lib/stack.ts';

/**
 * Section 5: compensation. A 1,000-invoice export whose last invoice is refused for good (the
 * simulator answers its create 400): the saga must delete the 999 drafts it made. Measured from the
 * refused create (the simulator's log) to the job's finishedAt; calls are every request the
 * simulator received after the refused one. e-conomic and Uniconta run at the same time, each
 * against its own simulator, with NO latency and NO rate limit, so that the figure is the cost of
 * our own side: each batch's compensation deletes up to 6 drafts at once, two batches at a time
 * (packages/app/src/exports/compensate-export-batch.ts), so at 150 ms a call it would take about
 * calls × 0.15 s ÷ 12 more (given in the inputs). Uniconta's adapter cap (5 calls a second per
 * container by default, which the simulator does not need) is lifted for the simulator's host as
 * the rate limit is; at the default cap the calls would take calls ÷ (5 × 2 lanes) seconds in AWS
 * (given in the inputs too).
 */
const invoices = 1_000;
/** Uniconta's adapter cap against the simulator here: far above what the simulator needs to keep up. */
const unliftedCap = 500;
/** The saga's lanes in AWS, each a container with its own cap. */
const lanes = defaultSettings.exportMaxConcurrency;
const systems: System[] = ['economic', 'uniconta'];

export const section: BenchSection = {
  id: 'compensation',
  title: 'Compensation: deleting the drafts of a failed export',
  run: async ({ log }) => {
    const stack = await startBenchStack({
      env: ({ uniconta }) => ({
        UNICONTA_REQUESTS_PER_SECOND_BY_HOST: uniconta
          .map((port) => `http://127.0.0.1:${port}=${unliftedCap}`)
          .join(','),
      }),
    });
    const started: ExportScenario[] = [];
    try {
      const scenarios = await prepareScenarios(
        systems.map(
          (system, index) => () =>
            prepareScenario(stack, system, {
              invoiceCount: invoices,
              month: `2031-1${index}`,
              lastCustomerAlone: true,
            }),
        ),
        started,
      );
      const outcomes = await Promise.all(
        scenarios.map(async (scenario) => {
          const refused = scenario.tenant.customers.at(-1)!.number;
          scenario.simulator.control.configure({
            latency: null,
            rateLimit: null,
            faults: {
              creates: [
                {
                  action: 'fail',
                  status: 400,
                  customer: refused,
                  ...(scenario.system === 'uniconta' ? { operation: 'order' as const } : {}),
                },
              ],
            },
          });
          const outcome = await runExport(scenario, 500);
          scenario.simulator.control.configure({ faults: {} });
          const drafts = (await draftReferences(scenario)).filter((draft) =>
            draft.reference.startsWith(`FK-${outcome.exportId}-`),
          );
          log(`${scenario.system}: ${outcome.job.status}, ${drafts.length} drafts left`);
          return { scenario, outcome, drafts };
        }),
      );
      const figures: Figure[] = [];
      for (const { scenario, outcome, drafts } of outcomes) {
        const { system } = scenario;
        const failing = outcome.requests.find((request) =>
          request.notes.some((note) => note.startsWith('fault: fail')),
        );
        if (!failing) throw new Error(`${system}: the refused create never came`);
        const after = outcome.requests.filter((request) => request.seq > failing.seq);
        const createdBefore = outcome.requests.filter(
          (request) =>
            request.seq < failing.seq &&
            request.method === 'POST' &&
            (request.path === '/orders/drafts' || request.path.endsWith('/Insert/DebtorOrderClient')) &&
            request.status !== undefined &&
            request.status < 300,
        ).length;
        const seconds = (outcome.finishedAt - Date.parse(failing.at)) / 1000;
        const inputs = {
          system: systemLabel[system],
          invoices,
          draftsBeforeFailure: createdBefore,
          jobStatus: outcome.job.status,
          ledgerStates: countBy(outcome.job.invoices as { state: string }[], (entry) => entry.state),
          failure: outcome.job.failure,
          simulator: {
            latencyMs: 0,
            rateLimit: null,
            fault: 'the last invoice’s customer: every create answered 400',
          },
          concurrentRuns: systems.map((other) => systemLabel[other]),
          callsByEndpoint: countBy(after, endpointOf),
          callsPerDeletedDraft:
            createdBefore > 0 ? Math.round((after.length / createdBefore) * 100) / 100 : null,
          estimatedSecondsAt150msLatency: Math.round((after.length * 0.15) / (6 * lanes)),
          ...(system === 'uniconta'
            ? {
                estimatedSecondsAtDefaultCap: Math.round(
                  after.length / (defaultUnicontaRequestsPerSecond * lanes),
                ),
              }
            : {}),
          exportWallSeconds: Math.round(outcome.wallSeconds * 10) / 10,
        };
        const common = `A ${invoices}-invoice export to the ${systemLabel[system]} simulator (no latency, no rate limit) whose last invoice is refused for good (400).`;
        figures.push(
          {
            id: `compensation.${system}.seconds`,
            value: Math.round(seconds * 10) / 10,
            unit: 's',
            method: `${common} From the refused create (the simulator's log) to the job's finishedAt (compensation done).`,
            inputs,
          },
          {
            id: `compensation.${system}.calls`,
            value: after.length,
            unit: 'calls',
            method: `${common} Every request the simulator received after the refused create (reads, deletes, confirmations; a create still under way in the other batch included).`,
            inputs,
          },
          {
            id: `compensation.${system}.remainingDrafts`,
            value: drafts.length,
            unit: 'count',
            method: `${common} Drafts carrying the export's reference left in the simulator afterwards, read through the system's own API.`,
            inputs,
          },
        );
      }
      return { section: 'compensation', title: section.title, figures };
    } finally {
      await stopScenarios(started);
      await stack.stop();
    }
  },
};
