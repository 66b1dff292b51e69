import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { newId } from '#domain/ids';
import { synthesizeFakturaTemplate } from '#infra/synthesize';
import {
  defaultEconomicRateLimit,
  type EconomicSimulator,
  type LoggedRequest,
  startEconomicSimulator,
  startUnicontaSimulator,
  type UnicontaSimulator,
} from '#simulators/index';
import {
  control,
  createInvoices,
  createScenario,
  credentials,
  draftsOf,
  exportIdOf,
  mailAbout,
  requestExport,
  type Scenario,
  type System,
  saveSettings,
  waitForExport,
} from './support/accounting.ts';
import { bookkeeperAction, syncBookings } from './support/bookings.ts';
import { eventually } from './support/eventually.ts';
import { adminClient } from './support/fixtures.ts';
import { type OwnStack, startOwnStack } from './support/own-stack.ts';
import { exportMachine } from './support/state-machines.ts';
import { invoiceOf, problemOf, type RequestBody, timelineOf } from './support/typed-api.ts';

/**
 * The accounting export when things go wrong, end to end through the local stack, for e-conomic
 * and Uniconta alike: dropped connections, a 429 storm and 5xx, a stack killed mid-batch and
 * started again, a poisoned queue message, a second export of a running month; and the export
 * options (grouped lines, layout, adminMode, English).
 *
 * The accounting systems are simulators of this file's own (in this process, on free ports), which
 * the resellers' integrations name as their base URL: the faults, latency and rate limits set here
 * reach this file's exports only, never another test file's, and they outlive the stack this file
 * kills.
 */

const systems: readonly System[] = ['economic', 'uniconta'];
const label = { economic: 'e-conomic', uniconta: 'Uniconta' } as const;

let simulators: { economic: EconomicSimulator; uniconta: UnicontaSimulator };
/** The crash scenarios, begun as the file starts (see `crashTwice`). */
let crashed: Promise<Crash>;
/** The stacks of this file's own, to stop when it ends. */
const ownStacks: OwnStack[] = [];

const simulatorOf = (system: System) => simulators[system];
const requestsOf = (system: System): LoggedRequest[] => simulatorOf(system).control.requests();

const unicontaOrderInsert = '/api/Entities/Insert/DebtorOrderClient';
const unicontaLinesInsert = '/api/Entities/InsertList/DebtorOrderLineClient';

/** Our reference in a create request: e-conomic's draft, Uniconta's order header. */
const referenceOfCreate = (request: LoggedRequest): string | undefined => {
  const body = request.body as { references?: { other?: string }; YourRef?: string } | undefined;
  return body?.references?.other ?? body?.YourRef;
};

/**
 * The creates of one export a simulator logged (answered, dropped, or under way): e-conomic's
 * drafts and Uniconta's order headers by our reference; Uniconta's lines, which carry only their
 * order's number, when given the export's order numbers.
 */
const createsOf = (
  log: readonly LoggedRequest[],
  exportId: string,
  orderNumbers: ReadonlySet<number> = new Set(),
): LoggedRequest[] =>
  log.filter((request) => {
    if (request.method !== 'POST') return false;
    if (request.path === '/orders/drafts' || request.path === unicontaOrderInsert)
      return referenceOfCreate(request)?.startsWith(`FK-${exportId}-`) ?? false;
    if (request.path === unicontaLinesInsert)
      return (request.body as { OrderNumber: number }[]).some((line) => orderNumbers.has(line.OrderNumber));
    return false;
  });

/** Our reference of a draft as either system shows it. */
const referenceOf = (draft: { references?: { other?: string }; YourRef?: string }): string =>
  String(draft.references?.other ?? draft.YourRef);
const numberOf = (draft: { orderNumber?: number; OrderNumber?: number }): string =>
  String(draft.orderNumber ?? draft.OrderNumber);
const linesOf = (draft: { lines?: unknown[] }): number => draft.lines?.length ?? 0;

/**
 * The export's drafts in the accounting system are exactly one per invoice (by our reference), each
 * complete (all its lines), and each one the ledger knows: no duplicate, no stray, no half order.
 */
const expectOneCompleteDraftPerInvoice = (
  job: { exportId: string; invoices: { invoice: string; state: string; draftNumber?: string }[] },
  invoices: readonly string[],
  drafts: readonly any[],
  linesPerInvoice = 2,
) => {
  expect(drafts.map(referenceOf).sort()).toEqual(invoices.map((id) => `FK-${job.exportId}-${id}`).sort());
  expect(drafts.map(linesOf)).toEqual(drafts.map(() => linesPerInvoice));
  expect(job.invoices.map((entry) => entry.state)).toEqual(invoices.map(() => 'created'));
  const ledgerNumbers = new Map(job.invoices.map((entry) => [entry.invoice, entry.draftNumber]));
  for (const draft of drafts) {
    const invoice = referenceOf(draft).slice(`FK-${job.exportId}-`.length);
    expect(ledgerNumbers.get(invoice), `the ledger's draft of ${invoice}`).toBe(numberOf(draft));
  }
  return drafts;
};

/** `ports`: where the stack lets an ADMIN point an integration (default: anywhere free, for a stack of the test's own). */
const startSimulators = async (ports = { economic: 0, uniconta: 0 }) => {
  const [economic, uniconta] = await Promise.all([
    startEconomicSimulator({ port: ports.economic }),
    startUnicontaSimulator({ port: ports.uniconta }),
  ]);
  return { economic, uniconta };
};

let crashSimulators: Crash['simulators'] | undefined;

beforeAll(async () => {
  [simulators, crashSimulators] = await Promise.all([
    startSimulators(inject('testSimulatorPorts')),
    startSimulators(),
  ]);
  crashed = crashTwice(crashSimulators, ownStacks);
  // Awaited by the crash tests, which report its failure; until then it must not go unhandled.
  crashed.catch(() => undefined);
});

afterAll(async () => {
  await crashed?.catch(() => undefined);
  await Promise.all(ownStacks.map((stack) => stack.dispose()));
  await Promise.all(
    [simulators, crashSimulators].flatMap((pair) =>
      pair ? [pair.economic.stop(), pair.uniconta.stop()] : [],
    ),
  );
});

afterEach(() => {
  simulators.economic.control.configure({ faults: {}, latency: null, rateLimit: defaultEconomicRateLimit });
  simulators.uniconta.control.configure({ faults: {}, latency: null, rateLimit: null });
});

describe.each<[System, string]>([
  ['economic', '2033'],
  ['uniconta', '2034'],
])('export to %s, when things go wrong', (system, year) => {
  let scenario: Scenario;
  let reseller: FakturaClient;
  /** The reseller's customer number in the platform's own books (adminMode). */
  const resellerNumber = String(700_000 + Math.floor(Math.random() * 100_000));

  beforeAll(async () => {
    scenario = await createScenario(system, 4, `Faults ${system}`, {
      simulator: simulatorOf(system).url,
      language: 'en',
      accountingSystemId: resellerNumber,
    });
    reseller = scenario.tenant.resellerClient;
  });

  const exportMonth = (
    month: string,
    options: Omit<RequestBody<'/integration/{system}/invoice/draft', 'post'>, 'invoiceDate'> = {},
  ) => requestExport(reseller, system, { invoiceDate: `${month}-01`, ...options });
  const draftsAt = (exportId: string) => draftsOf(system, exportId, scenario.simulator);

  it('a connection dropped after a create leaves exactly one draft for that invoice', async () => {
    // Prepare: the create of one customer's first draft is carried out, and then its connection
    // dropped; on Uniconta, also the lines of another customer's first order
    const month = `${year}-01`;
    const invoices = await createInvoices(scenario, 8, month);
    const [, dropped, linesDropped] = scenario.customers.map((customer) => customer.number);
    await control(
      system,
      'PUT',
      'config',
      {
        faults: {
          creates:
            system === 'economic'
              ? [{ action: 'drop-after', customer: dropped, nth: 1 }]
              : [
                  { action: 'drop-after', customer: dropped, operation: 'order', nth: 1 },
                  { action: 'drop-after', customer: linesDropped, operation: 'lines', nth: 1 },
                ],
        },
      },
      scenario.simulator,
    );

    // Act
    const answer = await exportMonth(month);
    const job = await waitForExport(reseller, exportIdOf(answer));

    // Assess: the export went through, one complete draft per invoice
    expect(answer.response.status).toBe(202);
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 8, deleted: 0 } });
    const drafts = expectOneCompleteDraftPerInvoice(job, invoices, await draftsAt(job.exportId));

    // Assess: the faults did fire, and the adapter settled them without a second create
    const orderNumbers = new Set(drafts.map((draft) => Number(numberOf(draft))));
    const creates = createsOf(requestsOf(system), job.exportId, orderNumbers);
    const droppedCreates = creates.filter((request) => request.notes.includes('fault: drop-after'));
    expect(droppedCreates).toHaveLength(system === 'economic' ? 1 : 2);
    if (system === 'economic') {
      // The retry carried the same Idempotency-Key and got the first answer back.
      const key = droppedCreates[0]!.headers['idempotency-key'];
      const sameKey = creates.filter((request) => request.headers['idempotency-key'] === key);
      expect(sameKey.map((request) => request.notes)).toEqual([
        ['fault: drop-after'],
        ['idempotency: replayed'],
      ]);
    } else {
      // The order: looked up by YourRef after the drop, never inserted again.
      const order = droppedCreates.find((request) => request.path === unicontaOrderInsert)!;
      const reference = (order.body as { YourRef: string }).YourRef;
      const later = requestsOf(system).filter((request) => request.seq > order.seq);
      expect(
        later.some(
          (request) =>
            request.method === 'GET' &&
            request.path === '/api/Entities/DebtorOrderClient' &&
            request.query.Name === 'YourRef' &&
            request.query.Value === reference,
        ),
      ).toBe(true);
      expect(
        creates.filter(
          (request) =>
            request.path === unicontaOrderInsert &&
            (request.body as { YourRef: string }).YourRef === reference,
        ),
      ).toHaveLength(1);
    }
  });

  it('a 429 storm slows the export but loses nothing', async () => {
    // Prepare: a token bucket of 5 calls, refilled at 10 a second; for Uniconta, whose adapter keeps
    // to its configured calls a second (5 by default, packages/accounting/src/uniconta/rate-cap.ts)
    // and so never empties that bucket, one of 2 refilled at 2 a second: a host slower than the cap
    const month = `${year}-02`;
    const invoices = await createInvoices(scenario, 6, month);
    simulatorOf(system).control.configure({
      rateLimit:
        system === 'economic' ? { capacity: 5, refillPerSecond: 10 } : { capacity: 2, refillPerSecond: 2 },
    });

    // Act: the export runs into the empty bucket (e-conomic's adapter paces itself by the bucket
    // it is told about, so there another integration of the agreement spends it too), and once it
    // has been answered 429, its next 3 requests answer 503
    const answer = await exportMonth(month);
    const answered = new Date().toISOString();
    const exportCalls = () =>
      requestsOf(system).filter((request) => request.at >= answered && request.path !== '/self');
    const storm = (async () => {
      const until = Date.now() + 15_000;
      while (!exportCalls().some((request) => request.status === 429)) {
        if (Date.now() > until) return;
        if (system === 'economic') {
          await fetch(`${scenario.simulator}/self`, {
            headers: {
              'x-appsecrettoken': credentials.economic.appSecretToken,
              'x-agreementgranttoken': credentials.economic.agreementGrantToken,
            },
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      simulatorOf(system).control.configure({ faults: { serverErrorBurst: { count: 3 } } });
    })();
    const job = await waitForExport(reseller, exportIdOf(answer));
    await storm;
    simulatorOf(system).control.configure({ rateLimit: null });

    // Assess: slowed down (429s, then 503s), nothing lost, nothing doubled
    expect(exportCalls().filter((request) => request.status === 429).length).toBeGreaterThan(0);
    expect(exportCalls().filter((request) => request.status === 503)).toHaveLength(3);
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 6, deleted: 0 } });
    expectOneCompleteDraftPerInvoice(job, invoices, await draftsAt(job.exportId));
  });

  it('refuses a second export of the same month and system while one runs (409), and takes the next one after it', async () => {
    // Prepare: the first export's first create hangs for 5 s (then its connection is dropped and
    // the create sent again), which keeps that export running while the second request is made
    // and the status read, however fast the rest of it goes
    const month = `${year}-03`;
    await createInvoices(scenario, 4, month);
    simulatorOf(system).control.configure({
      faults: { creates: [{ action: 'hang', nth: 1, holdMs: 5_000 }] },
    });

    // Act
    const first = await exportMonth(month);
    const second = await exportMonth(month);
    const running = await reseller.GET('/integration/exports/{exportId}', {
      params: { path: { exportId: exportIdOf(first) } },
    });
    const firstJob = await waitForExport(reseller, exportIdOf(first));
    simulatorOf(system).control.configure({ faults: {} });
    const [late] = await createInvoices(scenario, 1, month);
    const third = await exportMonth(month);
    const thirdJob = await waitForExport(reseller, exportIdOf(third));

    // Assess: refused while the first ran, with what is running; the month was free again after it
    expect(first.response.status).toBe(202);
    expect(second.response.status).toBe(409);
    expect(second.error).toMatchObject({ status: 409, message: 'export_in_progress' });
    expect(problemOf(second).description).toContain(exportIdOf(first));
    expect(['queued', 'running']).toContain(running.data?.status);
    expect(firstJob).toMatchObject({ status: 'succeeded', exported: 4 });
    expect(third.response.status).toBe(202);
    expect(third.data).toMatchObject({ total: 1, exported: 1 });
    expect(thirdJob).toMatchObject({ status: 'succeeded', invoices: [{ invoice: late, state: 'created' }] });
  });

  it('groups lines of the same product and period into one draft line, and the draft still adds up to the invoice', async () => {
    // Prepare: three subscription lines of one period, and two call lines, on one invoice
    const month = `${year}-04`;
    const [subscription, calls] = scenario.products;
    const period = { from: `${month}-01`, to: `${month}-28` };
    const created = await reseller.POST('/invoice', {
      body: {
        customer: scenario.customers[0]!.id,
        invoiceDate: `${month}-01`,
        lines: [
          { product: subscription!.id, units: 1, ...period },
          { product: calls!.id, units: 100 },
          { product: subscription!.id, units: 2, ...period },
          { product: subscription!.id, units: 3, ...period },
          { product: calls!.id, units: 250 },
        ],
      },
    });
    const invoice = await invoiceOf(reseller, created.data!._id);

    // Act
    const answer = await exportMonth(month, { groupInvoiceLines: true });
    const job = await waitForExport(reseller, exportIdOf(answer));

    // Assess: two lines, the subscriptions summed (6 × 99), the calls folded to their amount
    // (100 × 0.0123 = 1.23, 250 × 0.0123 = 3.075 → 3.08; 4.31), the net total the invoice's subtotal
    expect(job.status).toBe('succeeded');
    const [draft] = expectOneCompleteDraftPerInvoice(job, [invoice._id], await draftsAt(job.exportId));
    if (system === 'economic') {
      expect(
        draft.lines.map((line: any) => [line.product.productNumber, line.quantity, line.unitNetPrice]),
      ).toEqual([
        [subscription!.code, 6, 99],
        [calls!.code, 1, 4.31],
      ]);
      expect(draft.netAmount).toBe(invoice.subTotal);
    } else {
      expect(draft.lines.map((line: any) => [line.Item, line.Qty, line.Price])).toEqual([
        [subscription!.code, 6, 99],
        [calls!.code, 1, 4.31],
      ]);
      expect(draft.OrderTotal).toBe(invoice.subTotal);
    }
    expect(invoice.subTotal).toBe(598.31);
  });

  if (system === 'economic') {
    it('puts every draft on the layout the export names', async () => {
      // Prepare: a layout of its own, beside the default 19 the customers' group uses
      const month = `${year}-05`;
      await control(
        system,
        'POST',
        'preload',
        { layouts: [{ layoutNumber: 24, name: 'Telecom' }] },
        scenario.simulator,
      );
      const invoices = await createInvoices(scenario, 3, month);

      // Act
      const answer = await exportMonth(month, { layout: 24 });
      const job = await waitForExport(reseller, exportIdOf(answer));

      // Assess
      expect(job.status).toBe('succeeded');
      const drafts = expectOneCompleteDraftPerInvoice(job, invoices, await draftsAt(job.exportId));
      expect(drafts.map((draft) => draft.layout.layoutNumber)).toEqual([24, 24, 24]);
    });
  } else {
    it('refuses a layout, which Uniconta does not have', async () => {
      // Act
      const answer = await exportMonth(`${year}-05`, { layout: 24 });

      // Assess
      expect(answer.response.status).toBe(422);
      expect(answer.error?.message).toBe('layout');
    });
  }

  /** The platform's own integration, on this file's simulator, which knows the reseller as a customer. */
  let platformConnected: Promise<FakturaClient> | undefined;
  const connectPlatform = () => {
    platformConnected ??= (async () => {
      const platform = await adminClient();
      const connected = await saveSettings(platform, system, {
        platform: true,
        ...credentials[system],
        baseUrl: scenario.simulator,
      });
      expect(connected.response.status).toBe(200);
      await control(
        system,
        'POST',
        'preload',
        system === 'economic'
          ? { customers: [{ customerNumber: Number(resellerNumber), name: 'Forhandler', customerGroup: 1 }] }
          : { debtors: [{ Account: resellerNumber, Name: 'Forhandler' }] },
        scenario.simulator,
      );
      return platform;
    })();
    return platformConnected;
  };

  it('adminMode: exports the reseller’s invoices into the platform’s own books, at wholesale, for the reseller', async () => {
    // Prepare: the platform's own integration, which knows the reseller as a customer
    const month = `${year}-06`;
    const platform = await connectPlatform();
    const invoices = await createInvoices(scenario, 3, month);

    // Act
    const answer = await requestExport(platform, system, {
      reseller: scenario.tenant.reseller,
      invoiceDate: `${month}-01`,
      adminMode: true,
    });
    const job = await waitForExport(platform, exportIdOf(answer));

    // Assess: every draft is the reseller's, at the wholesale column, adding up to its subtotal
    expect(answer.response.status).toBe(202);
    expect(job).toMatchObject({ status: 'succeeded', options: { adminMode: true } });
    const drafts = expectOneCompleteDraftPerInvoice(job, invoices, await draftsAt(job.exportId));
    for (const [index, id] of invoices.entries()) {
      const invoice = await invoiceOf(reseller, id);
      const draft = drafts.find((d) => referenceOf(d) === `FK-${job.exportId}-${id}`);
      if (system === 'economic') {
        expect(draft.customer.customerNumber).toBe(Number(resellerNumber));
        expect(draft.lines[0]).toMatchObject({ quantity: 1 + (index % 3), unitNetPrice: 60 });
        expect(draft.netAmount).toBe(invoice.subTotalWholesale);
      } else {
        expect(draft.Account).toBe(resellerNumber);
        expect(draft.lines[0]).toMatchObject({ Qty: 1 + (index % 3), Price: 60 });
        expect(draft.OrderTotal).toBe(invoice.subTotalWholesale);
      }
      expect(invoice.subTotalWholesale).toBeLessThan(invoice.subTotal);
    }
    const timeline = await timelineOf(reseller, invoices[0]!);
    expect(timeline.map((entry) => entry.event)).toContainEqual(
      expect.stringMatching(new RegExp(`^exported to ${label[system]} \\(platform\\) as draft \\d+$`)),
    );
  });

  it('adminMode, booked: sync of the platform’s books keeps the platform’s bill beside the invoice, not on it', async () => {
    // Prepare: three bills to the reseller in the platform's books; the first booked and paid, the third deleted by hand
    const month = `${year}-09`;
    const platform = await connectPlatform();
    const invoices = await createInvoices(scenario, 3, month);
    const exported = await requestExport(platform, system, {
      reseller: scenario.tenant.reseller,
      invoiceDate: `${month}-01`,
      adminMode: true,
    });
    const job = await waitForExport(platform, exportIdOf(exported));
    expect(job.status).toBe('succeeded');
    const draftOf = new Map(
      (await draftsAt(job.exportId)).map((draft) => [
        referenceOf(draft).slice(`FK-${job.exportId}-`.length),
        Number(draft.orderNumber ?? draft.OrderNumber),
      ]),
    );
    const [billed, , deleted] = invoices as [string, string, string];
    const booked = await bookkeeperAction(
      system,
      system === 'economic' ? 'book' : 'post-order',
      { orderNumber: draftOf.get(billed) },
      scenario.simulator,
    );
    const bookedNumber = String(booked.bookedInvoiceNumber ?? booked.InvoiceNumber);
    await bookkeeperAction(
      system,
      'pay',
      system === 'economic'
        ? { bookedInvoiceNumber: booked.bookedInvoiceNumber }
        : { invoiceNumber: booked.InvoiceNumber },
      scenario.simulator,
    );
    await bookkeeperAction(
      system,
      system === 'economic' ? 'delete-draft' : 'delete-order',
      { orderNumber: draftOf.get(deleted) },
      scenario.simulator,
    );

    // Act
    const [run] = await syncBookings({ platform: true }, system, scenario.simulator);
    const [again] = await syncBookings({ platform: true }, system, scenario.simulator);
    const shown = await platform.GET('/integration/{system}/sync', {
      params: { path: { system }, query: { platform: 'true' } },
    });
    const reexport = await requestExport(platform, system, {
      reseller: scenario.tenant.reseller,
      invoiceDate: `${month}-01`,
      adminMode: true,
    });

    // Assess: the platform's run (its books also hold the bills of the earlier adminMode export, still drafts)
    expect(run).toMatchObject({
      owner: { kind: 'platform' },
      system,
      found: 1,
      updated: 2,
      deleted: 1,
      errors: [],
    });
    // Booked and paid: no longer followed; the rest are still drafts
    expect(again).toMatchObject({ found: 0, updated: 0, deleted: 0, errors: [] });
    expect(shown.data).toEqual(again);

    // Assess: the customer's invoice keeps its own number, sent and paid; the platform's bill is on its timeline
    const invoice = await invoiceOf(reseller, billed);
    expect(invoice).toMatchObject({ invoiceNumber: '-1', sent: false, paid: false });
    const timeline = await timelineOf(reseller, billed);
    expect(timeline.filter((entry) => ['booked', 'bill-paid'].includes(entry.event))).toEqual([
      expect.objectContaining({
        event: 'booked',
        note: `Booked as invoice ${bookedNumber} in ${label[system]} (platform)`,
      }),
      expect.objectContaining({
        event: 'bill-paid',
        note: `Invoice ${bookedNumber} paid in ${label[system]} (platform)`,
      }),
    ]);

    // Assess: the bill deleted by hand, and only it, goes into the platform's books again
    expect(reexport.data).toMatchObject({ total: 1, exported: 1 });
    const second = await waitForExport(platform, exportIdOf(reexport));
    expect(second.invoices.map((entry) => entry.invoice)).toEqual([deleted]);
  });

  it('tells a reseller whose language is English in English', async () => {
    // Prepare
    const month = `${year}-07`;
    await createInvoices(scenario, 2, month);

    // Act
    const answer = await exportMonth(month);
    const job = await waitForExport(reseller, exportIdOf(answer));

    // Assess
    expect(job.status).toBe('succeeded');
    const mail = await mailAbout(job.exportId);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Faktura: 2 invoices exported to ${label[system]} (${month})`);
    expect(mail[0]!.text).toMatch(/^Hello Faults /);
    expect(mail[0]!.text).toContain('2 invoices were created as draft orders: ');
  });
});

/**
 * A stack killed outright (SIGKILL, as a host dies) in the middle of exports to both systems, and
 * started again on the same data, twice:
 * 1. while the exports are in the middle of their batches, each with a draft being created at
 *    that very moment (on Uniconta: an order header, whose lines then never come); they must
 *    then go through;
 * 2. while exports whose last customer the accounting system refuses are compensating, some of
 *    their drafts deleted and some not yet; they must then finish compensating, and nothing else.
 *
 * It runs on a stack and simulators of its own, so the whole of it (a stack start, two restarts,
 * some 40 s) is begun as the file starts and runs beside the tests above; the tests below wait for
 * its outcome.
 */
interface CrashRun {
  readonly scenario: Scenario;
  readonly invoices: string[];
  exportId: string;
  /** At the kill: the references of the creates under way (1), or the job's ledger (2). */
  atKill: { inFlight: string[]; ledger: { state: string }[] };
  job: any;
}

interface Crash {
  readonly stack: OwnStack;
  readonly simulators: { economic: EconomicSimulator; uniconta: UnicontaSimulator };
  readonly runs: Record<System, { midBatch: CrashRun; compensating: CrashRun }>;
}

const crashTwice = async (crashSimulators: Crash['simulators'], stacks: OwnStack[]): Promise<Crash> => {
  const stack = await startOwnStack({
    ECONOMIC_API_URL: crashSimulators.economic.url,
    UNICONTA_API_URL: crashSimulators.uniconta.url,
    // Recovery, not pace, is under test: Uniconta's cap of calls a second (default 5) is lifted so
    // that both exports reach the moments the test kills them at within its deadlines.
    UNICONTA_REQUESTS_PER_SECOND: '100',
  });
  stacks.push(stack);
  const createsOfRun = (run: CrashRun) =>
    createsOf(crashSimulators[run.scenario.system].control.requests(), run.exportId);
  const month = '2035-01';
  // Slow, and uneven: a batch sends all twenty creates at once (32 in flight), so with one fixed
  // latency they would all be answered together, and no moment would have some made and others
  // under way.
  const slow = () => {
    for (const system of systems)
      crashSimulators[system].control.configure({ latency: { fixedMs: 300, jitterMs: 900 } });
  };
  const startExports = async (runs: CrashRun[]) => {
    const answers = await Promise.all(
      runs.map((run) =>
        requestExport(run.scenario.tenant.resellerClient, run.scenario.system, {
          invoiceDate: `${month}-01`,
        }),
      ),
    );
    for (const [index, answer] of answers.entries()) runs[index]!.exportId = exportIdOf(answer);
  };
  const restart = async (runs: CrashRun[]) => {
    for (const system of systems) crashSimulators[system].control.configure({ latency: null });
    await stack.restart();
    for (const run of runs)
      run.job = await waitForExport(run.scenario.tenant.resellerClient, run.exportId, 60_000);
  };

  // Prepare: per system two resellers with 20 invoices of 4 customers each. The last two invoices
  // are the fourth customer's, which the accounting system refuses in part 2: made a second later,
  // their ids (which begin with the second) sort last, so they end the second batch.
  const prepare = async (system: System, kind: string): Promise<CrashRun> => {
    const scenario = await createScenario(system, 4, `Crash ${kind} ${system}`, {
      target: stack.target,
      simulator: crashSimulators[system].url,
    });
    const invoices = await createInvoices(
      { ...scenario, customers: scenario.customers.slice(0, 3) },
      18,
      month,
    );
    return { scenario, invoices, exportId: '', atKill: { inFlight: [], ledger: [] }, job: undefined };
  };
  const [economic1, uniconta1, economic2, uniconta2] = await Promise.all([
    prepare('economic', 'batch'),
    prepare('uniconta', 'batch'),
    prepare('economic', 'compensation'),
    prepare('uniconta', 'compensation'),
  ]);
  const midBatch = [economic1!, uniconta1!];
  const compensating = [economic2!, uniconta2!];
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await Promise.all(
    [...midBatch, ...compensating].map(async (run) =>
      run.invoices.push(
        ...(await createInvoices({ ...run.scenario, customers: [run.scenario.customers[3]!] }, 2, month)),
      ),
    ),
  );

  // Act 1: SIGKILL once each export has made a draft and has a create under way; then again.
  // The batch records its drafts a group at a time (run-export-batch.ts), so at that moment its
  // ledger holds the intents and none of the drafts made: the restart must find those by reference.
  // Each export's third create hangs: a batch sends all twenty at once, and without it the moment
  // with some made and one under way would be too short for both exports to share it.
  slow();
  for (const system of systems)
    crashSimulators[system].control.configure({
      faults: { creates: [{ action: 'hang', nth: 3, holdMs: 20_000, operation: 'order' }] },
    });
  await startExports(midBatch);
  // Each export has a draft made in the accounting system, and a create (on Uniconta: an order
  // header) under way; read last, in one go, right before the kill.
  const flying = await eventually(async () => {
    const creates = midBatch.map((run) => createsOfRun(run));
    const made = creates.map((all) =>
      all.filter((request) => request.status !== undefined && request.status < 300),
    );
    const underWay = creates.map((all) => all.filter((request) => request.outcome === undefined));
    return made.every((done) => done.length > 0) && underWay.every((flying) => flying.length > 0)
      ? underWay
      : undefined;
  }, 'both exports in the middle of a create');
  for (const [index, run] of midBatch.entries()) {
    run.atKill.inFlight = flying[index]!.map((request) => referenceOfCreate(request)!);
  }
  await stack.kill();
  await restart(midBatch);

  // Act 2: the last customer refused for good; SIGKILL once each export's compensation has deleted
  // a draft and has more to delete; then again
  for (const run of compensating) {
    const refused = run.scenario.customers[3]!.number;
    crashSimulators[run.scenario.system].control.configure({
      faults: {
        creates: [
          {
            action: 'fail',
            status: 400,
            customer: refused,
            ...(run.scenario.system === 'uniconta' ? { operation: 'order' as const } : {}),
          },
        ],
      },
    });
  }
  slow();
  await startExports(compensating);
  // Each export makes its drafts in one group and so starts compensating all at once, Uniconta
  // (two calls a draft) later than e-conomic: once one compensates, its deletes are slowed down
  // so that the other's compensation overlaps it.
  const slowedDeletes = new Set<System>();
  const halfCompensated = async (run: CrashRun) => {
    const { data: job } = await run.scenario.tenant.resellerClient.GET('/integration/exports/{exportId}', {
      params: { path: { exportId: run.exportId } },
    });
    if (!job) throw new Error(`export ${run.exportId} not found`);
    const states = job.invoices.map((entry) => entry.state);
    if (job.status === 'compensating' && !slowedDeletes.has(run.scenario.system)) {
      slowedDeletes.add(run.scenario.system);
      crashSimulators[run.scenario.system].control.configure({ latency: { fixedMs: 1_500 } });
    }
    return job.status === 'compensating' && states.includes('deleted') && states.includes('created')
      ? job
      : undefined;
  };
  const ledgers = await eventually(
    async () => {
      const jobs = await Promise.all(compensating.map(halfCompensated));
      return jobs.every(Boolean) ? jobs.map((job) => job!.invoices) : undefined;
    },
    'both exports in the middle of their compensation',
    40_000,
  );
  for (const [index, run] of compensating.entries()) run.atKill.ledger = ledgers[index]!;
  await stack.kill();
  await restart(compensating);

  return {
    stack,
    simulators: crashSimulators,
    runs: {
      economic: { midBatch: economic1!, compensating: economic2! },
      uniconta: { midBatch: uniconta1!, compensating: uniconta2! },
    },
  };
};

describe('a stack killed mid-export, and started again', () => {
  let crash: Crash;
  let sfn: SFNClient;

  beforeAll(async () => {
    crash = await crashed;
    sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${crash.stack.ports.STEP_FUNCTIONS_PORT}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }, 180_000);

  afterAll(() => sfn?.destroy());

  const executionOf = async (exportId: string) => {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    const executionArn = `${exportMachine(stateMachines!).replace(':stateMachine:', ':execution:')}:${exportId}`;
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const { events = [] } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
    );
    return { execution, types: events.map((event) => event.type) };
  };

  describe.each(systems)('export to %s', (system) => {
    const draftsAt = (exportId: string) => draftsOf(system, exportId, crash.simulators[system].url);
    /** Each reference this export ever had a draft made for (a replayed e-conomic answer is not one). */
    const referencesCreated = (run: CrashRun) =>
      createsOf(crash.simulators[system].control.requests(), run.exportId)
        .filter((request) => request.status !== undefined && request.status < 300)
        .filter((request) => !request.notes.includes('idempotency: replayed'))
        .map((request) => referenceOfCreate(request));

    it('a killed worker mid-batch resumes without duplicates', async () => {
      // Prepare
      const run = crash.runs[system].midBatch;

      // Act
      const { execution, types } = await executionOf(run.exportId);

      // Assess: the same execution ran again from the start, and went through
      expect(run.atKill.inFlight.length).toBeGreaterThan(0);
      expect(execution).toMatchObject({ status: 'SUCCEEDED', name: run.exportId, redriveCount: 1 });
      expect(types.filter((type) => type === 'ExecutionRedriven')).toHaveLength(1);
      expect(run.job).toMatchObject({
        status: 'succeeded',
        exported: 20,
        drafts: { created: 20, deleted: 0 },
      });
      expectOneCompleteDraftPerInvoice(run.job, run.invoices, await draftsAt(run.exportId));

      // Assess: no draft made twice, the one under way at the crash included; the invoices are
      // marked once, the people told once
      const created = referencesCreated(run);
      expect(created.length).toBe(new Set(created).size);
      expect(run.atKill.inFlight.every((reference) => created.includes(reference))).toBe(true);
      const timeline = await run.scenario.tenant.resellerClient.GET('/invoice/{id}/timeline', {
        params: { path: { id: run.invoices[0]! } },
      });
      expect(timeline.data!.timeline.filter((entry) => entry.event.startsWith('exported to'))).toHaveLength(
        1,
      );
      expect(await mailAbout(run.exportId, crash.stack.ports)).toHaveLength(1);
    });

    it('a restarted execution neither duplicates a draft nor leaves one behind', async () => {
      // Prepare: killed while compensating, some drafts deleted, some not yet
      const run = crash.runs[system].compensating;
      const atKill = run.atKill.ledger.map((entry) => entry.state);
      expect(atKill).toContain('deleted');
      expect(atKill).toContain('created');

      // Act
      const { execution } = await executionOf(run.exportId);

      // Assess: started again from the beginning, the export did not make again a draft it had
      // made (and deleted): it compensated the rest, and no draft of it is left
      expect(execution).toMatchObject({ status: 'FAILED', redriveCount: 1 });
      const created = referencesCreated(run);
      expect(created.length).toBe(new Set(created).size);
      expect(run.job).toMatchObject({ status: 'failed', drafts: { created: 0 } });
      expect(run.job.invoices.map((entry: { state: string }) => entry.state)).toEqual(
        run.job.invoices.map(() => expect.stringMatching(/^(deleted|already-gone)$/)),
      );
      expect(run.job.drafts.deleted).toBeGreaterThanOrEqual(
        atKill.filter((state) => state === 'deleted').length,
      );
      expect(run.job.failure.reason).toMatch(/400/);
      expect(await draftsAt(run.exportId)).toEqual([]);
      expect(await mailAbout(run.exportId, crash.stack.ports)).toHaveLength(1);
    });
  });
});

describe('the export request queue', () => {
  it('a poisoned message ends in the dead-letter queue with the alarm’s metric raised', async () => {
    // Prepare
    const sqs = new SQSClient({
      endpoint: `http://127.0.0.1:${inject('ports').SQS_PORT}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const queueUrl = async (name: string) =>
      (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
    const [requests, deadLetters] = await Promise.all([
      queueUrl('faktura-export-requests.fifo'),
      queueUrl('faktura-export-requests-dlq.fifo'),
    ]);
    const poison = `{"exportId":"not-an-id","probe":"${newId()}"}`;

    try {
      // Act: the consumer cannot read it; after its 5 receives SQS moves it to the dead-letter queue
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: requests,
          MessageBody: poison,
          // A group of its own: the poisoned message holds back no real reseller's exports.
          MessageGroupId: `poison-${newId()}`,
          MessageDeduplicationId: newId(),
        }),
      );
      const template = synthesizeFakturaTemplate();
      const depth = await eventually(
        async () => {
          const { Attributes } = await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: deadLetters,
              AttributeNames: ['ApproximateNumberOfMessages'],
            }),
          );
          const messages = Number(Attributes?.ApproximateNumberOfMessages ?? 0);
          return messages >= 1 ? messages : undefined;
        },
        'a message in the dead-letter queue',
        30_000,
      );
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: deadLetters,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          AttributeNames: ['All'],
        }),
      );

      // Assess: it is the poisoned message, and the alarm on that queue fires on this very number
      expect(Messages.map((message) => message.Body)).toContain(poison);
      // The template's dead-letter queue is the one the FIFO queue's redrive policy points at.
      const resources = Object.values(template.Resources as Record<string, any>);
      const redrive = resources.find(
        (resource) => resource.Type === 'AWS::SQS::Queue' && resource.Properties.RedrivePolicy,
      ).Properties.RedrivePolicy;
      const deadLetterQueueId = redrive.deadLetterTargetArn['Fn::GetAtt'][0];
      expect(redrive.maxReceiveCount).toBe(5);
      const alarms = resources.filter(
        (resource) =>
          resource.Type === 'AWS::CloudWatch::Alarm' &&
          JSON.stringify(resource.Properties.Dimensions ?? []).includes(`"${deadLetterQueueId}"`),
      );
      expect(alarms).toHaveLength(1);
      const alarm = alarms[0].Properties;
      // CloudWatch's ApproximateNumberOfMessagesVisible is SQS's ApproximateNumberOfMessages.
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      });
      expect(depth).toBeGreaterThan(alarm.Threshold);
    } finally {
      sqs.destroy();
    }
  }, 60_000);
});
