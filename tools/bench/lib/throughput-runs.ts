import { setTimeout } from 'node:timers/promises';
import { fakturaQueueNames } from '#local/services/sqs';
import { everyNthCreateFails, startOffsets } from './export-figures.ts';
import {
  draftReferences,
  type ExecutionStats,
  type ExportOutcome,
  type ExportScenario,
  executionStats,
  prepareScenario,
  prepareScenarios,
  runExport,
  type System,
  stopScenarios,
} from './export-runs.ts';
import type { BenchContext } from './report.ts';
import { startBenchStack } from './stack.ts';

/**
 * The 1,000-invoice export runs of sections 4 and 6, made once per process and shared: e-conomic
 * and Uniconta, each at 5 and at 10 requests/s, all four side by side on one local stack (four
 * resellers, four simulators of their own: four separate token buckets), so that the section takes
 * the time of its slowest run rather than of the sum. Each simulator answers after 150 ms, admits
 * calls through a token bucket of `rate`/s with a burst of 10, and answers every 50th create 429 or
 * 503 (alternately): 2 % of the creates.
 *
 * Why the runs start `startSpacingSeconds` apart, the longest first: an export's first seconds (its
 * request reading every invoice, the saga's start, the first batch's reads) are CPU work, and four
 * of them at the same instant on this machine's two cores, beside the emulators, made each wait on
 * the others: the e-conomic run at 10/s made its first create 2.8 s after its request, against 1.2 s
 * alone (docs/performance.md §9). In AWS each has its own Lambda environments. The runs still
 * overlap for all but their first seconds, and the longest starting first keeps the section's time.
 */
export const throughputPlan = {
  invoices: 1_000,
  latencyMs: 150,
  burst: 10,
  failEveryNthCreate: 50,
  rates: [5, 10],
  systems: ['economic', 'uniconta'] as System[],
  startSpacingSeconds: 5,
} as const;

export interface ThroughputRun {
  readonly system: System;
  readonly rate: number;
  readonly scenario: ExportScenario;
  readonly outcome: ExportOutcome;
  readonly drafts: { reference: string; lines: number }[];
  readonly execution: ExecutionStats;
  /** The export request messages the handlers sent to SQS during the runs (bytes of MessageBody). */
  readonly queueMessageBytes: readonly number[];
  /** The e-mails the handlers queued on the mail queue during the runs (bytes of MessageBody). */
  readonly mailMessageBytes: readonly number[];
}

let shared: Promise<ThroughputRun[]> | undefined;

/** The runs, made on the first call and shared by every later one. */
export const throughputRuns = (context: BenchContext): Promise<ThroughputRun[]> => {
  shared ??= makeRuns(context);
  return shared;
};

const makeRuns = async ({ log }: BenchContext): Promise<ThroughputRun[]> => {
  const messageBytes: number[] = [];
  const mailBytes: number[] = [];
  const stack = await startBenchStack({
    // Uniconta sends no rate header: its adapter is capped at the calls a second of the bucket it
    // runs against (packages/accounting/src/uniconta/rate-cap.ts). The Uniconta runs take the
    // Uniconta simulator ports in the order of throughputPlan.rates (plans below, started in order).
    env: ({ uniconta }) => ({
      UNICONTA_REQUESTS_PER_SECOND_BY_HOST: throughputPlan.rates
        .map((rate, index) => `http://127.0.0.1:${uniconta[index]}=${rate}`)
        .join(','),
    }),
    sqs: {
      inspect: (operation, body) => {
        const request = body as
          | { QueueUrl?: string; MessageBody?: string; Entries?: { MessageBody?: string }[] }
          | undefined;
        // The e-mails (the mail queue) apart from the export requests: a message of each kind has its own budget.
        const sizes = request?.QueueUrl?.endsWith(`/${fakturaQueueNames.mail}`) ? mailBytes : messageBytes;
        if (operation === 'SendMessage' && request?.MessageBody !== undefined)
          sizes.push(Buffer.byteLength(request.MessageBody, 'utf8'));
        if (operation === 'SendMessageBatch')
          for (const entry of request?.Entries ?? [])
            sizes.push(Buffer.byteLength(entry.MessageBody ?? '', 'utf8'));
      },
    },
  });
  const started: ExportScenario[] = [];
  try {
    const plans = throughputPlan.systems.flatMap((system) =>
      throughputPlan.rates.map((rate) => ({ system, rate })),
    );
    log(`creating ${plans.length} × ${throughputPlan.invoices} invoices…`);
    const scenarios = await prepareScenarios(
      plans.map(
        ({ system }, index) =>
          () =>
            prepareScenario(stack, system, {
              invoiceCount: throughputPlan.invoices,
              month: `2031-0${index + 1}`,
            }),
      ),
      started,
    );
    const offsets = startOffsets(plans, throughputPlan.startSpacingSeconds);
    log(`exporting, the runs started ${throughputPlan.startSpacingSeconds} s apart, the longest first…`);
    const runs = await Promise.all(
      plans.map(async ({ system, rate }, index) => {
        const scenario = scenarios[index]!;
        await setTimeout(offsets[index]! * 1000);
        scenario.simulator.control.configure({
          latency: { fixedMs: throughputPlan.latencyMs },
          rateLimit: { capacity: throughputPlan.burst, refillPerSecond: rate },
          faults: {
            creates: everyNthCreateFails(throughputPlan.failEveryNthCreate, throughputPlan.invoices * 6),
          },
        });
        const outcome = await runExport(scenario);
        scenario.simulator.control.configure({ latency: null, rateLimit: null, faults: {} });
        log(
          `${system} at ${rate}/s: ${outcome.job.status} in ${outcome.wallSeconds.toFixed(1)} s, ${outcome.requests.length} calls`,
        );
        const drafts = await draftReferences(scenario);
        const execution = await executionStats(stack, outcome.exportId);
        return {
          system,
          rate,
          scenario,
          outcome,
          drafts,
          execution,
          queueMessageBytes: messageBytes,
          mailMessageBytes: mailBytes,
        };
      }),
    );
    return runs;
  } finally {
    await stopScenarios(started);
    await stack.stop();
  }
};
