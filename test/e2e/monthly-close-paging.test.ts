import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodInvoiceId } from '#domain/monthly-close/period-invoice-id';
import { closeExecutionEvents, groupExecutionEvents } from '#infra/monthly-close-history';
import { executionHistory } from '#local/execution-history';
import { closeMonthThroughCli } from '#local/monthly-close-cli';
import { type Db, documentClientOf } from '../../packages/store/src/db.ts';
import { closeRepository } from '../../packages/store/src/monthly-close.ts';
import { resellerRepository } from '../../packages/store/src/resellers.ts';
import { backdateCurrentItem } from '../../packages/store/tests/support/staging.ts';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { type OwnStack, startOwnStack } from './support/own-stack.ts';
import { machineArn } from './support/state-machines.ts';

/**
 * The monthly close at a scaled-down size, on the very definitions CDK synthesizes with small pages
 * (`-c closeResellersPerGroup=2 -c closeGroupsPerPage=2`, through FAKTURA_CDK_CONTEXT): ten
 * resellers are three pages of up to two groups of two, so the run loops on PlanClose's cursor and
 * starts five child executions. Every reseller is closed once, the report counts them all, and no
 * execution's history exceeds what infra/monthly-close-history.ts computes from the shape, which is
 * what keeps 10,000 resellers far below Step Functions' 25,000 events (docs/performance.md).
 * A stack of its own, so its small pages touch no other test's close.
 */
const month = '2026-10';
const paging = { resellersPerGroup: 2, groupsPerPage: 2 };
const ourResellers = 9;

describe('monthly close, paged over many resellers', () => {
  let stack: OwnStack;
  let db: Db;
  let sfn: SFNClient;
  const tenants: Tenant[] = [];

  const closeMonth = () => closeMonthThroughCli(stack.ports, month, 120_000);

  /** Every history event of an execution, oldest first. */
  const historyOf = (executionArn: string): Promise<HistoryEvent[]> => executionHistory(sfn, executionArn);

  /** The largest input, output or parameters of any event (UTF-8 bytes). */
  const largestPayload = (events: readonly HistoryEvent[]): number =>
    Math.max(
      0,
      ...events.flatMap((event) =>
        Object.entries(event)
          .filter(([key]) => key.endsWith('EventDetails'))
          .flatMap(([, details]) =>
            ['input', 'output', 'parameters'].map((field) =>
              Buffer.byteLength(String((details as Record<string, unknown>)[field] ?? '')),
            ),
          ),
      ),
    );

  const allResellers = async (): Promise<string[]> => {
    const resellers = resellerRepository(db);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await resellers.listResellers(100, cursor);
      ids.push(...page.items.map((reseller) => reseller.id));
      cursor = page.cursor;
    } while (cursor);
    return ids;
  };

  beforeAll(async () => {
    stack = await startOwnStack({
      FAKTURA_CDK_CONTEXT: JSON.stringify({
        closeResellersPerGroup: paging.resellersPerGroup,
        closeGroupsPerPage: paging.groupsPerPage,
      }),
    });
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    db = {
      client: documentClientOf(
        new DynamoDBClient({
          endpoint: `http://127.0.0.1:${stack.ports.DYNAMODB_PORT}`,
          region: 'eu-west-1',
          credentials,
        }),
      ),
      tableName: 'faktura',
    };
    sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${stack.ports.STEP_FUNCTIONS_PORT}`,
      region: 'eu-west-1',
      credentials,
    });
    const target = stack.target;
    const product = (await createProduct({ unitType: 'MONTHS', unitPrice: 1 }, target))._id;
    for (let n = 0; n < ourResellers; n += 1) {
      const tenant = await createTenant('Paged', { target });
      const item = await tenant.resellerClient.POST('/invoice/current', {
        body: {
          customer: tenant.customer,
          description: 'Abonnement',
          product,
          units: 1,
          unitPrice: 100,
          recurrence: 'MONTHLY',
          from: '2026-09-01',
        },
      });
      if (!item.data) throw new Error(`item: ${item.response.status} ${JSON.stringify(item.error)}`);
      // Put on in September, as if it had been on the current invoice since then.
      await backdateCurrentItem(
        db,
        { id: item.data._id, reseller: tenant.reseller, customer: tenant.customer },
        '2026-09-15T10:00:00.000Z',
      );
      tenants.push(tenant);
    }
  }, 240_000);

  afterAll(async () => {
    sfn?.destroy();
    await stack?.dispose();
  });

  it('closes every reseller once over pages of groups, each execution within the history its shape allows', async () => {
    // Prepare
    const resellers = await allResellers();
    const groups = Math.ceil(resellers.length / paging.resellersPerGroup);

    // Act
    const first = await closeMonth();
    const again = await closeMonth();

    // Assess: the report counts every reseller, each once; the second run creates nothing
    expect(resellers.length).toBeGreaterThan(paging.resellersPerGroup * paging.groupsPerPage * 2);
    expect(first).toMatchObject({
      status: 'SUCCEEDED',
      summary: { resellers: resellers.length, failures: 0 },
    });
    expect(first.summary.invoicesCreated).toBeGreaterThanOrEqual(ourResellers);
    expect(again).toMatchObject({
      status: 'SUCCEEDED',
      summary: {
        resellers: resellers.length,
        invoicesCreated: 0,
        invoicesExisted: first.summary.invoicesCreated,
      },
    });
    const outcomes = await closeRepository(db).listCloseOutcomes(month, first.summary.run);
    expect(outcomes.map((outcome) => outcome.reseller).sort()).toEqual([...resellers].sort());
    for (const tenant of tenants) {
      expect(outcomes.find((outcome) => outcome.reseller === tenant.reseller)?.tally).toMatchObject({
        created: 1,
        failed: 0,
      });
      // Assess: and each customer's period invoice is there, through the API
      const invoice = await tenant.resellerClient.GET('/invoice/{id}', {
        params: { path: { id: periodInvoiceId(tenant.reseller, tenant.customer, month) } },
      });
      expect(invoice.response.status).toBe(200);
    }

    // Assess: the run paged (three pages of two groups at most) and started one child per group
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    const runArn = `${machineArn(listed.stateMachines ?? [], 'faktura-monthly-close').replace(':stateMachine:', ':execution:')}:${first.summary.run}`;
    const { executions: children = [] } = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: machineArn(listed.stateMachines ?? [], 'faktura-monthly-close-group'),
      }),
    );
    const ofRun = [];
    for (const child of children) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: child.executionArn }));
      const input = JSON.parse(described.input ?? '{}');
      if (input.run === first.summary.run)
        ofRun.push({ arn: child.executionArn!, input, status: described.status });
    }
    expect(ofRun).toHaveLength(groups);
    expect(ofRun.every((child) => child.status === 'SUCCEEDED')).toBe(true);
    expect(ofRun.every((child) => child.input.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID === runArn)).toBe(
      true,
    );
    expect(ofRun.flatMap((child) => child.input.resellers).sort()).toEqual([...resellers].sort());

    // Assess: each execution's history within the bound computed from the shape, its states small
    const runHistory = await historyOf(runArn);
    expect(
      runHistory.filter(
        (event) => event.type === 'TaskStateEntered' && event.stateEnteredEventDetails?.name === 'PlanClose',
      ),
    ).toHaveLength(Math.ceil(resellers.length / (paging.resellersPerGroup * paging.groupsPerPage)));
    expect(runHistory.length).toBeLessThanOrEqual(closeExecutionEvents(paging, resellers.length));
    for (const child of ofRun) {
      // Every reseller here has fewer than 50 customers: one page of customers each.
      expect((await historyOf(child.arn)).length).toBeLessThanOrEqual(groupExecutionEvents(paging, 1));
    }
    const payloads = [
      largestPayload(runHistory),
      ...(await Promise.all(ofRun.map(async (c) => largestPayload(await historyOf(c.arn))))),
    ];
    expect(Math.max(...payloads)).toBeLessThan(8 * 1024);
  }, 300_000);
});
