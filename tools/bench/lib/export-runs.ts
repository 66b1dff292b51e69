import { loadavg } from 'node:os';
import {
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import {
  type EconomicSimulator,
  type LoggedRequest,
  startEconomicSimulator,
  startUnicontaSimulator,
  type UnicontaSimulator,
  unicontaBasicAuth,
} from '#simulators/index';
import { adminApi, type BenchTenant, createProduct, createTenant, expectStatus, inParallel } from './api.ts';
import type { BenchStack } from './stack.ts';

/**
 * Export runs against accounting simulators of the benchmark's own (in this process, on free
 * ports), which each reseller's integration names as its base URL: the latency, token bucket and
 * faults set on one reach its run only. Shared by the export-throughput, step-functions and
 * compensation sections.
 */
export type System = 'economic' | 'uniconta';
export const systemLabel = { economic: 'e-conomic', uniconta: 'Uniconta' } as const;

const credentials = {
  economic: { appSecretToken: 'sim-app-secret-token', agreementGrantToken: 'sim-agreement-grant-token' },
  uniconta: { companyId: '12345', userId: 'sim-user', password: 'sim-password' },
} as const;
const economicHeaders = {
  'x-appsecrettoken': credentials.economic.appSecretToken,
  'x-agreementgranttoken': credentials.economic.agreementGrantToken,
};
const unicontaAuth = unicontaBasicAuth(12345, 'sim-user', 'sim-password');

export type Simulator = EconomicSimulator | UnicontaSimulator;

/** On a port the stack allows integrations to use (the deployment decides where a system lives). */
export const startSimulator = (stack: BenchStack, system: System): Promise<Simulator> => {
  const port = stack.takeSimulatorPort(system);
  return system === 'economic' ? startEconomicSimulator({ port }) : startUnicontaSimulator({ port });
};

export interface ExportScenario {
  readonly system: System;
  readonly simulator: Simulator;
  readonly tenant: BenchTenant;
  /** The invoices, in creation order. */
  readonly invoices: string[];
  readonly month: string;
}

/**
 * A reseller connected to its own simulator, `customerCount` customers and 2 products known on
 * both sides, and `invoiceCount` invoices of two lines each dated in `month` (the last one, when
 * `lastCustomerAlone`, for a customer of its own and dated last, so it is exported last).
 */
export const prepareScenario = async (
  stack: BenchStack,
  system: System,
  options: { invoiceCount: number; month: string; customerCount?: number; lastCustomerAlone?: boolean },
): Promise<ExportScenario> => {
  const simulator = await startSimulator(stack, system);
  const customerCount = (options.customerCount ?? 10) + (options.lastCustomerAlone ? 1 : 0);
  const tenant = await createTenant(stack, `Export ${system}`, customerCount);
  const products = [
    await createProduct(stack, {
      unitType: 'MONTHS',
      unitPrice: 99,
      unitWholesale: 60,
      kind: 'subscription',
    }),
    await createProduct(stack, { unitType: 'MIN', unitPrice: 0.0123, unitWholesale: 0.008, kind: 'usage' }),
  ];
  if (system === 'economic') {
    (simulator as EconomicSimulator).control.preload({
      customers: tenant.customers.map((c) => ({
        customerNumber: Number(c.number),
        name: `Kunde ${c.number}`,
        customerGroup: 1,
      })),
      products: products.map((p) => ({ productNumber: p.code, name: `Produkt ${p.code}` })),
    });
  } else {
    (simulator as UnicontaSimulator).control.preload({
      debtors: tenant.customers.map((c) => ({ Account: c.number, Name: `Kunde ${c.number}` })),
      items: products.map((p) => ({ Item: p.code, Name: `Produkt ${p.code}` })),
    });
  }
  // Only ADMIN chooses where the system lives.
  expectStatus(
    await (await adminApi(stack))('PUT', `/integration/${system}/settings`, {
      reseller: tenant.reseller,
      ...credentials[system],
      baseUrl: simulator.url,
    }),
    200,
    'settings',
  );
  const { month } = options;
  const regular = options.lastCustomerAlone ? tenant.customers.slice(0, -1) : tenant.customers;
  const invoices = await inParallel(options.invoiceCount, 6, async (i) => {
    const last = options.lastCustomerAlone && i === options.invoiceCount - 1;
    const customer = last ? tenant.customers.at(-1)! : regular[i % regular.length]!;
    const created = await tenant.api('POST', '/invoice', {
      customer: customer.id,
      invoiceDate: `${month}-${last ? '28' : '01'}`,
      lines: [
        { product: products[0]!.id, units: 1 + (i % 3), from: `${month}-01`, to: `${month}-28` },
        { product: products[1]!.id, units: 412.5 + i, description: `Samtaler ${i}` },
      ],
    });
    return expectStatus(created, 201, 'invoice').body._id as string;
  });
  simulator.control.clearRequests();
  return { system, simulator, tenant, invoices, month };
};

// biome-ignore lint/suspicious/noExplicitAny: the export job document as the API answers it
export type ExportJob = any;

export interface ExportOutcome {
  readonly exportId: string;
  readonly job: ExportJob;
  /** Client clock: the export request was sent. */
  readonly requestedAt: number;
  /** The job's finishedAt (the saga's clock, same machine). */
  readonly finishedAt: number;
  readonly wallSeconds: number;
  /** How long the export request took to answer (its checks of every invoice included). */
  readonly requestSeconds: number;
  /** Every request the simulator received from the export request on (control API excepted). */
  readonly requests: LoggedRequest[];
  readonly loadAverage: number[];
}

/**
 * Prepares several scenarios at once and hands each to `started` as soon as it is ready, so that
 * the caller can stop every simulator that was started even when another scenario failed: a
 * simulator left listening keeps the bench's process from ever exiting.
 */
export const prepareScenarios = async (
  prepare: readonly (() => Promise<ExportScenario>)[],
  started: ExportScenario[],
): Promise<ExportScenario[]> => {
  const settled = await Promise.allSettled(
    prepare.map(async (make) => {
      const scenario = await make();
      started.push(scenario);
      return scenario;
    }),
  );
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<ExportScenario>).value);
};

/** Stops the simulators of the scenarios given (those of a section that failed as well). */
export const stopScenarios = async (scenarios: readonly ExportScenario[]): Promise<void> => {
  await Promise.all(scenarios.map((scenario) => scenario.simulator.stop()));
};

/** Asks for the month's export and waits for the job to end (polling its status every `pollMs`). */
export const runExport = async (scenario: ExportScenario, pollMs = 2_000): Promise<ExportOutcome> => {
  const { tenant, system, month } = scenario;
  const requestedAt = Date.now();
  const answer = expectStatus(
    await tenant.api('POST', `/integration/${system}/invoice/draft`, { invoiceDate: `${month}-01` }),
    202,
    'export request',
  );
  const requestSeconds = (Date.now() - requestedAt) / 1000;
  const exportId = answer.body.exportId as string;
  const deadline = Date.now() + 30 * 60_000;
  let job: ExportJob;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    job = expectStatus(await tenant.api('GET', `/integration/exports/${exportId}`), 200, 'export job').body;
    if (job.status === 'succeeded' || job.status === 'failed') break;
    if (Date.now() > deadline) throw new Error(`export ${exportId} still ${job.status} after 30 minutes`);
  }
  const finishedAt = job.finishedAt ? Date.parse(job.finishedAt) : Date.now();
  return {
    exportId,
    job,
    requestedAt,
    finishedAt,
    wallSeconds: (finishedAt - requestedAt) / 1000,
    requestSeconds,
    requests: scenario.simulator.control.requests(),
    loadAverage: loadavg(),
  };
};

/** The references of the drafts in the simulator, read through the system's own API (not logged if read after clearRequests). */
export const draftReferences = async (
  scenario: ExportScenario,
): Promise<{ reference: string; lines: number }[]> => {
  const root = scenario.simulator.url;
  if (scenario.system === 'economic') {
    const found: { reference: string; lines: number }[] = [];
    for (let page = 0; ; page += 1) {
      const response = await fetch(`${root}/orders/drafts?pagesize=1000&skippages=${page}`, {
        headers: economicHeaders,
      });
      const body = (await response.json()) as {
        collection: { references?: { other?: string }; lines?: unknown[] }[];
      };
      for (const draft of body.collection)
        found.push({ reference: String(draft.references?.other ?? ''), lines: draft.lines?.length ?? -1 });
      if (body.collection.length < 1000) return found;
    }
  }
  const orders = (await (
    await fetch(`${root}/api/Entities/DebtorOrderClient`, { headers: { authorization: unicontaAuth } })
  ).json()) as { YourRef?: string }[];
  return orders.map((order) => ({ reference: String(order.YourRef ?? ''), lines: -1 }));
};

/** What the local Step Functions shim recorded of an export's execution. */
export interface ExecutionStats {
  readonly events: number;
  readonly stateTransitions: number;
  readonly byType: Record<string, number>;
  readonly maxPayloadBytes: number;
  readonly maxPayloadEvent: string;
  /**
   * When each state of the saga was first entered and last exited, in ms since the epoch (the
   * shim's clock, the machine's): where an export's time goes between its calls.
   */
  readonly states: Record<string, { firstEntered: number; lastExited: number }>;
}

export const executionStats = async (stack: BenchStack, exportId: string): Promise<ExecutionStats> => {
  const sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${stack.ports.STEP_FUNCTIONS_PORT}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    const executionArn = `${stateMachines![0]!.stateMachineArn!.replace(':stateMachine:', ':execution:')}:${exportId}`;
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({
          executionArn,
          maxResults: 1000,
          includeExecutionData: true,
          nextToken,
        }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return historyStats(events);
  } finally {
    sfn.destroy();
  }
};

/**
 * State transitions as Step Functions bills them: one per state entered, plus one per retry of a
 * Task (a retry runs the state again); the largest input, output or parameters of any event.
 */
export const historyStats = (events: readonly HistoryEvent[]): ExecutionStats => {
  const byType: Record<string, number> = {};
  let maxPayloadBytes = 0;
  let maxPayloadEvent = '';
  const states: ExecutionStats['states'] = {};
  for (const event of events) {
    const type = event.type ?? 'unknown';
    byType[type] = (byType[type] ?? 0) + 1;
    const at = event.timestamp ? new Date(event.timestamp).getTime() : undefined;
    const name = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
    if (at !== undefined && name !== undefined) {
      states[name] ??= { firstEntered: at, lastExited: at };
      const state = states[name];
      if (type.endsWith('StateEntered')) state.firstEntered = Math.min(state.firstEntered, at);
      else state.lastExited = Math.max(state.lastExited, at);
    }
    for (const [key, details] of Object.entries(event)) {
      if (!key.endsWith('EventDetails') || !details || typeof details !== 'object') continue;
      for (const field of ['input', 'output', 'parameters'] as const) {
        const value = (details as Record<string, unknown>)[field];
        if (typeof value !== 'string') continue;
        const bytes = Buffer.byteLength(value, 'utf8');
        if (bytes > maxPayloadBytes) {
          maxPayloadBytes = bytes;
          maxPayloadEvent = `${type}.${field}`;
        }
      }
    }
  }
  const entered = Object.entries(byType)
    .filter(([type]) => type.endsWith('StateEntered'))
    .reduce((sum, [, count]) => sum + count, 0);
  const scheduled = (byType.LambdaFunctionScheduled ?? 0) + (byType.TaskScheduled ?? 0);
  const taskEntries = byType.TaskStateEntered ?? 0;
  const retries = Math.max(0, scheduled - taskEntries);
  return {
    events: events.length,
    stateTransitions: entered + retries,
    byType,
    maxPayloadBytes,
    maxPayloadEvent,
    states,
  };
};
