import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { closeCustomersPage, customersPerPage } from '#app/monthly-close/close-customers';
import { defaultClosePaging } from '#infra/constructs/monthly-close-machine';
import {
  type ClosePaging,
  closeExecutionEvents,
  groupExecutionEvents,
  historyEventLimit,
} from '#infra/monthly-close-history';
import { executionHistory } from '#local/execution-history';
import { closeMonthThroughCli } from '#local/monthly-close-cli';
import { currentItemRepository } from '../../../packages/store/src/current-items.ts';
import { customerRepository } from '../../../packages/store/src/customers.ts';
import { documentClientOf } from '../../../packages/store/src/db.ts';
import { periodInvoiceRepository } from '../../../packages/store/src/period-invoices.ts';
import { productRepository } from '../../../packages/store/src/products.ts';
import { backdateCurrentItem } from '../../../packages/store/tests/support/staging.ts';
import { createProduct, createTenant, expectStatus, inParallel } from '../lib/api.ts';
import type { BenchSection, Figure } from '../lib/report.ts';
import { startBenchStack } from '../lib/stack.ts';

/**
 * Section 8: the monthly close for many resellers. A scaled-down model (30 resellers of 4
 * customers, pages of 2 groups of 3 resellers, through `-c closeResellersPerGroup=3 -c
 * closeGroupsPerPage=2`) is closed on the local stack by `npm run monthly-close`, on the very
 * definitions CDK synthesizes; its executions' histories are read back (GetExecutionHistory) for
 * their events, their largest state and what each CloseCustomers invocation took. The projection
 * for 10,000 resellers of 1,000 customers at the deployed paging is computed from the shape
 * (infra/monthly-close-history.ts, which the model's histories must match) and, for the night, from
 * the measured time per customer.
 */
const model = { resellers: 30, customersPerReseller: 4, paging: { resellersPerGroup: 3, groupsPerPage: 2 } };
const target = { resellers: 10_000, customersPerReseller: 1_000, paging: defaultClosePaging };
const month = '2026-10';

/** The largest input, output or parameters of an event (UTF-8 bytes), and the event's type. */
const largestPayload = (events: readonly HistoryEvent[]) => {
  let largest = { bytes: 0, event: '' };
  for (const event of events) {
    for (const [key, details] of Object.entries(event)) {
      if (!key.endsWith('EventDetails') || typeof details !== 'object' || details === null) continue;
      for (const field of ['input', 'output', 'parameters']) {
        const bytes = Buffer.byteLength(String((details as Record<string, unknown>)[field] ?? ''));
        if (bytes > largest.bytes) largest = { bytes, event: `${event.type} ${field}` };
      }
    }
  }
  return largest;
};

/**
 * Milliseconds from entering each `state` (a Task of one reseller's iteration) to its function's
 * success. The resellers of a group run at once, so their events interleave: each success is paired
 * with the same reseller's entry (its input and output both name the reseller).
 */
const taskMs = (events: readonly HistoryEvent[], state: string): number[] => {
  const durations: number[] = [];
  const enteredAt = new Map<string, number>();
  const resellerOf = (text: string | undefined) =>
    (JSON.parse(text ?? '{}') as { reseller?: string }).reseller ?? '';
  for (const event of events) {
    const at = (event.timestamp as Date).getTime();
    if (event.type === 'TaskStateEntered' && event.stateEnteredEventDetails?.name === state)
      enteredAt.set(resellerOf(event.stateEnteredEventDetails.input), at);
    if (event.type === 'TaskStateExited' && event.stateExitedEventDetails?.name === state) {
      const reseller = resellerOf(event.stateExitedEventDetails.output);
      const entered = enteredAt.get(reseller);
      if (entered !== undefined) durations.push(at - entered);
      enteredAt.delete(reseller);
    }
  }
  return durations;
};

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export const section: BenchSection = {
  id: 'monthly-close',
  title: 'Monthly close for many resellers',
  run: async ({ log }) => {
    const stack = await startBenchStack({
      env: {
        FAKTURA_CDK_CONTEXT: JSON.stringify({
          closeResellersPerGroup: model.paging.resellersPerGroup,
          closeGroupsPerPage: model.paging.groupsPerPage,
        }),
      },
    });
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${stack.ports.STEP_FUNCTIONS_PORT}`,
      region: 'eu-west-1',
      credentials,
    });
    try {
      const db = {
        client: documentClientOf(
          new DynamoDBClient({
            endpoint: `http://127.0.0.1:${stack.ports.DYNAMODB_PORT}`,
            region: 'eu-west-1',
            credentials,
          }),
        ),
        tableName: 'faktura',
      };
      log(`${model.resellers} resellers of ${model.customersPerReseller} customers, one item each…`);
      const product = await createProduct(stack, { unitType: 'MONTHS', unitPrice: 1 });
      const resellerWithItems = async (customers: number) => {
        const tenant = await createTenant(stack, 'Close', customers);
        for (const customer of tenant.customers) {
          const item = expectStatus(
            await tenant.api('POST', '/invoice/current', {
              customer: customer.id,
              description: 'Abonnement',
              product: product.id,
              units: 1,
              unitPrice: 100,
              recurrence: 'MONTHLY',
              from: '2026-09-01',
            }),
            201,
            'current item',
          );
          // Put on in September, as if it had been on the current invoice since then.
          await backdateCurrentItem(
            db,
            { id: item.body._id, reseller: tenant.reseller, customer: customer.id },
            '2026-09-15T10:00:00.000Z',
          );
        }
        return tenant;
      };
      await inParallel(model.resellers, 3, () => resellerWithItems(model.customersPerReseller));

      log('closing the month…');
      const started = performance.now();
      const outcome = await closeMonthThroughCli(stack.ports, month, 600_000);
      const wallSeconds = (performance.now() - started) / 1000;
      if (outcome.status !== 'SUCCEEDED') throw new Error(`the close ended ${JSON.stringify(outcome)}`);

      const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
      const arnOf = (name: string) => stateMachines.find((m) => m.name === name)?.stateMachineArn ?? '';
      const historyOf = (executionArn: string) => executionHistory(sfn, executionArn);
      const runArn = `${arnOf('faktura-monthly-close').replace(':stateMachine:', ':execution:')}:${outcome.summary.run}`;
      const runHistory = await historyOf(runArn);
      const { executions = [] } = await sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: arnOf('faktura-monthly-close-group'),
          maxResults: 1000,
        }),
      );
      const groups = [];
      for (const execution of executions) {
        const described = await sfn.send(
          new DescribeExecutionCommand({ executionArn: execution.executionArn }),
        );
        if (JSON.parse(described.input ?? '{}').run === outcome.summary.run)
          groups.push(await historyOf(execution.executionArn!));
      }

      // A full page, timed alone: one reseller of `customersPerPage` customers closed by the step's
      // use case in this process, one invocation's work as a Lambda does it, with nothing else running.
      log(`one page of ${customersPerPage} customers, alone…`);
      const full = await resellerWithItems(customersPerPage);
      const pagePorts = {
        customers: customerRepository(db),
        products: productRepository(db),
        currentItems: currentItemRepository(db),
        periodInvoices: periodInvoiceRepository(db),
        clock: { now: () => new Date() },
      };
      const pageStarted = performance.now();
      const closedPage = await closeCustomersPage(pagePorts, {
        month,
        run: 'bench-page',
        reseller: full.reseller,
      });
      const pageMs = performance.now() - pageStarted;
      if (closedPage.created !== customersPerPage)
        throw new Error(`the timed page created ${closedPage.created} invoices, not ${customersPerPage}`);

      // The model, measured; and held to the bounds computed from its shape.
      const resellers = outcome.summary.resellers;
      const runBound = closeExecutionEvents(model.paging, resellers);
      const groupBound = groupExecutionEvents(model.paging, 1);
      const largestGroup = Math.max(...groups.map((events) => events.length));
      if (runHistory.length > runBound || largestGroup > groupBound)
        throw new Error(
          `the histories (${runHistory.length}, ${largestGroup}) exceed the bounds of the shape (${runBound}, ${groupBound})`,
        );
      const payloads = [largestPayload(runHistory), ...groups.map(largestPayload)];
      const largest = payloads.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      const pages = groups.flatMap((events) => taskMs(events, 'CloseCustomers'));
      const finishes = groups.flatMap((events) => taskMs(events, 'FinishReseller'));
      // The demo reseller's page is timed but its customers not counted: a slight overestimate.
      const customersClosed = model.resellers * model.customersPerReseller;
      const msPerCustomer = sum(pages) / customersClosed;
      const msPerFinish = sum(finishes) / finishes.length;

      // The projection: 10,000 × 1,000 at the deployed paging.
      const customerPages = Math.ceil(target.customersPerReseller / customersPerPage);
      const runEvents = closeExecutionEvents(target.paging, target.resellers);
      const groupEvents = groupExecutionEvents(target.paging, customerPages);
      const atOnce = (paging: ClosePaging) => paging.resellersPerGroup * paging.groupsPerPage;
      // Every byte of the model's largest state scaled as if it were reseller ids: an upper bound.
      const payloadScale = Math.max(
        atOnce(target.paging) / atOnce(model.paging),
        target.paging.resellersPerGroup / model.paging.resellersPerGroup,
      );
      const projectedPayload = Math.ceil(largest.bytes * payloadScale);
      // Each reseller is closed by one invocation at a time; `atOnce` resellers run side by side, and
      // each page of resellers waits for its slowest, so the night is waves × one reseller's time.
      const waves = Math.ceil(target.resellers / atOnce(target.paging));
      const resellerSeconds = (customerPages * pageMs + msPerFinish) / 1000;
      const nightSeconds = Math.round(waves * resellerSeconds);

      const inputs = {
        model: { ...model, resellersWithDemo: resellers, groupExecutions: groups.length, wallSeconds },
        target: { ...target, customersPerPage, customerPages },
      };
      const figures: Figure[] = [
        {
          id: 'monthlyClose.model.runHistoryEvents',
          value: runHistory.length,
          unit: 'events',
          method: `History events of the run's execution closing the model (${resellers} resellers, pages of ${model.paging.groupsPerPage} groups of ${model.paging.resellersPerGroup}); the shape's bound is ${runBound}.`,
          inputs: { ...inputs, bound: runBound },
        },
        {
          id: 'monthlyClose.model.groupHistoryEvents',
          value: largestGroup,
          unit: 'events',
          method: `History events of the largest group (child) execution of the model; the shape's bound is ${groupBound}.`,
          inputs: { bound: groupBound, perGroup: groups.map((events) => events.length) },
        },
        {
          id: 'monthlyClose.model.maxStatePayloadBytes',
          value: largest.bytes,
          unit: 'bytes',
          method:
            'The largest input, output or parameters (UTF-8 bytes) of any event of the run and its groups at the model.',
          inputs: { event: largest.event },
        },
        {
          id: 'monthlyClose.model.msPerCustomer',
          value: Math.round(msPerCustomer * 10) / 10,
          unit: 'ms',
          method: `Sum of the CloseCustomers states (entered to exited, ${pages.length} pages) ÷ customers closed, on the local stack (DynamoDB Local, ${atOnce(model.paging)} resellers at once on this machine's 2 cores).`,
          inputs: { pagesMs: pages, customersClosed, finishResellerMs: finishes },
        },
        {
          id: 'monthlyClose.pageMs',
          value: Math.round(pageMs),
          unit: 'ms',
          method: `One CloseCustomers page of ${customersPerPage} customers (one current item each, each becoming a period invoice), timed alone in this process against the local stack's DynamoDB Local: the work of one invocation.`,
          inputs: { customers: customersPerPage },
        },
        {
          id: 'monthlyClose.projection.runHistoryEvents',
          value: runEvents,
          unit: 'events',
          method: `closeExecutionEvents (infra/monthly-close-history.ts) for ${target.resellers} resellers at the deployed paging (${target.paging.groupsPerPage} groups of ${target.paging.resellersPerGroup}); AWS fails an execution at ${historyEventLimit}.`,
          inputs: inputs.target,
        },
        {
          id: 'monthlyClose.projection.groupHistoryEvents',
          value: groupEvents,
          unit: 'events',
          method: `groupExecutionEvents for a group of ${target.paging.resellersPerGroup} resellers of ${target.customersPerReseller} customers (${customerPages} pages of ${customersPerPage}); AWS fails an execution at ${historyEventLimit}.`,
          inputs: inputs.target,
        },
        {
          id: 'monthlyClose.projection.maxStatePayloadBytes',
          value: projectedPayload,
          unit: 'bytes',
          method: `The model's largest state × ${payloadScale.toFixed(2)} (the ratio of reseller ids per page and per group, deployed to model), as if every byte grew with them; AWS's limit is 256 KB.`,
          inputs: { modelBytes: largest.bytes, scale: payloadScale },
        },
        {
          id: 'monthlyClose.projection.nightSeconds',
          value: nightSeconds,
          unit: 's',
          method: `${waves} waves of ${atOnce(target.paging)} resellers at once × one reseller's ${customerPages} pages at the measured ${Math.round(pageMs)} ms a page, plus its FinishReseller (${msPerFinish.toFixed(0)} ms, measured in the model); the run's timeout is 6 h.`,
          inputs: { waves, resellerSeconds, pageMs, msPerFinish },
        },
      ];
      return { section: 'monthly-close', title: 'Monthly close for many resellers', figures };
    } finally {
      sfn.destroy();
      await stack.stop();
    }
  },
};
