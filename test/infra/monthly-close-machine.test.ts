import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { customersPerPage } from '#app/monthly-close/close-customers';
import { monthlyCloseTasks } from '#infra/catalog';
import { defaultClosePaging, queueAutoExportTask } from '#infra/constructs/monthly-close-machine';
import { monthlyCloseFunction } from '#infra/faktura-stack';
import {
  type ClosePaging,
  closeExecutionEvents,
  groupExecutionEvents,
  historyEventLimit,
} from '#infra/monthly-close-history';
import {
  localFunctionArn,
  localQueueUrl,
  localStateMachineArn,
  monthlyCloseGroupStateMachineDefinition,
  monthlyCloseStateMachineDefinition,
} from '#infra/synthesize';
import {
  actionsOf,
  arnOf,
  functionsByCatalogName,
  resourcesOfType,
  roleOfFunction,
  type SynthesizedFaktura,
  stateMachineOf,
  statementsAllowing,
  statementsOfRole,
  synthesizeFaktura,
} from './template.ts';

type Payload = any;
type Handler = (input: Payload) => Promise<Payload>;

/**
 * Records every Task call; each state answers with `behaviour[state]` or a default. CloseResellerGroup
 * (startExecution.sync:2) runs the group's definition on the same handlers, as the local runtime does.
 */
function closeHandlers(
  groupDefinition: StateMachineDefinition,
  behaviour: Partial<Record<string, Handler>> = {},
) {
  const calls: { state: string; input: Payload }[] = [];
  const handlers: Record<string, Handler> = {};
  const defaults: Record<string, Handler> = {
    PlanClose: async () => ({ groups: [['r1', 'r2']] }),
    CloseCustomers: async (state) => ({ ...state, tally: { created: 1 }, done: true }),
    FinishReseller: async () => ({ recorded: true, exportRequests: [] }),
    QueueAutoExport: async () => ({ MessageId: 'm-1', MD5OfMessageBody: 'md5', SequenceNumber: '1' }),
    RecordResellerFailure: async () => ({ recorded: true }),
    ReportClose: async () => ({ failures: 0, invoicesCreated: 2 }),
    CloseResellerGroup: async ({ Input }) => {
      const output = await new StateMachine(groupDefinition).run(Input, {
        overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: noRetryPause },
      }).result;
      return { Status: 'SUCCEEDED', Output: output };
    },
  };
  for (const [state, fallback] of Object.entries(defaults)) {
    handlers[state] = async (input: Payload) => {
      calls.push({ state, input: structuredClone(input) });
      return (behaviour[state] ?? fallback)(input);
    };
  }
  return { handlers, callsOf: (state: string) => calls.filter((call) => call.state === state) };
}

const noRetryPause = Object.fromEntries(
  [...Object.keys(monthlyCloseTasks), 'CloseResellerGroup', queueAutoExportTask].map((state) => [state, 0]),
);

/** An automatic export's request as FinishReseller answers it (packages/wiring/src/export-request-message.ts). */
const exportRequest = (reseller: string, system: string) => ({
  MessageBody: JSON.stringify({ exportId: `x-${reseller}-${system}`, reseller, system }),
  MessageGroupId: `${reseller}#${system}`,
  MessageDeduplicationId: `x-${reseller}-${system}`,
});

describe('monthly close state machine', () => {
  let faktura: SynthesizedFaktura;
  let definition: StateMachineDefinition;
  let group: StateMachineDefinition;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    definition = monthlyCloseStateMachineDefinition(faktura.json) as StateMachineDefinition;
    group = monthlyCloseGroupStateMachineDefinition(faktura.json) as StateMachineDefinition;
  });

  it('is two Standard machines with full logging and tracing, every Task on its catalog function', () => {
    // Prepare
    const text = JSON.stringify([definition, group]);

    // Assess
    for (const kind of ['monthly-close', 'monthly-close-group']) {
      const [, machine] = stateMachineOf(faktura.json, kind);
      expect(machine.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      });
    }
    for (const fn of new Set(Object.values(monthlyCloseTasks))) expect(text).toContain(localFunctionArn(fn));
  });

  it('pages through the resellers: no Map over every reseller, only over one page of groups', () => {
    // Prepare
    const { resellersPerGroup, groupsPerPage } = defaultClosePaging;
    const maps: [string, Payload][] = [];
    const collect = (states: Record<string, Payload>) => {
      for (const [name, state] of Object.entries(states)) {
        if (state.Type === 'Map') {
          maps.push([name, state]);
          collect(state.ItemProcessor.States);
        }
      }
    };
    collect(definition.States as Record<string, Payload>);
    collect(group.States as Record<string, Payload>);

    // Assess: the run reads one page of groups × resellersPerGroup ids at a time and loops on its cursor
    expect(definition.States.Begin).toMatchObject({
      Parameters: { 'run.$': '$$.Execution.Name', page: { resellersPerGroup, groupsPerPage } },
    });
    expect(definition.States.MoreResellers).toMatchObject({
      Choices: [{ Variable: '$.plan.cursor', IsPresent: true, Next: 'NextPage' }],
      Default: 'ReportClose',
    });
    expect(definition.States.NextPage).toMatchObject({
      Parameters: { 'page.$': '$.page', 'cursor.$': '$.plan.cursor' },
      Next: 'PlanClose',
    });
    // Each Map is over a page's groups, a group's resellers or a reseller's automatic exports, bounded, its results discarded.
    expect(
      Object.fromEntries(
        maps.map(([name, map]) => [name, [map.ItemsPath, map.MaxConcurrency, map.ResultPath]]),
      ),
    ).toEqual({
      CloseGroups: ['$.plan.groups', groupsPerPage, null],
      CloseResellers: ['$.resellers', resellersPerGroup, null],
      // Bounded by what it is given: one request per accounting system a reseller exports to.
      QueueAutoExports: ['$.finished.exportRequests', undefined, null],
    });
    // A group is a child execution whose output the run drops.
    const [groupId] = stateMachineOf(faktura.json, 'monthly-close-group');
    expect((definition.States.CloseGroups as Payload).ItemProcessor.States.CloseResellerGroup).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: {
        StateMachineArn: localStateMachineArn('monthly-close-group'),
        Input: { 'month.$': '$.month', 'run.$': '$.run', 'resellers.$': '$.resellers' },
      },
      ResultPath: null,
    });
    expect(groupId).toBeTruthy();
    expect(group.States.CloseResellers).toMatchObject({
      ItemSelector: { 'month.$': '$.month', 'run.$': '$.run', 'reseller.$': '$$.Map.Item.Value' },
    });
  });

  it('takes its page shape from the context, and the run may start only its group machine', () => {
    // Prepare
    const tuned = synthesizeFaktura({ closeResellersPerGroup: '3', closeGroupsPerPage: '4' });
    const run = monthlyCloseStateMachineDefinition(tuned.json) as Payload;
    const [groupId] = stateMachineOf(tuned.json, 'monthly-close-group');
    const [, runMachine] = stateMachineOf(tuned.json, 'monthly-close');
    const roleId = runMachine.Properties.RoleArn['Fn::GetAtt'][0];

    // Assess
    expect(run.States.Begin.Parameters.page).toEqual({ resellersPerGroup: 3, groupsPerPage: 4 });
    expect(run.States.CloseGroups.MaxConcurrency).toBe(4);
    expect(monthlyCloseGroupStateMachineDefinition(tuned.json).States.CloseResellers.MaxConcurrency).toBe(3);
    expect(
      statementsAllowing(statementsOfRole(tuned.json, roleId), 'states:StartExecution').map(
        (st) => st.Resource,
      ),
    ).toEqual([{ Ref: groupId }]);
    expect(() => synthesizeFaktura({ closeResellersPerGroup: '0' })).toThrow(/closeResellersPerGroup/);
  });

  it('keeps each execution far below 25,000 events for 10,000 resellers of 1,000 customers at the deployed paging', () => {
    // Prepare: the paging as synthesized, and one page of customers per customersPerPage
    const page = (definition.States.Begin as Payload).Parameters.page as ClosePaging;
    const customerPages = Math.ceil(1000 / customersPerPage);

    // Act
    const run = closeExecutionEvents(page, 10_000);
    const oneGroup = groupExecutionEvents(page, customerPages);

    // Assess: a quarter of the limit at most; a group's history does not depend on how many groups run
    expect(page).toEqual(defaultClosePaging);
    expect(run).toBeLessThan(historyEventLimit / 4);
    expect(oneGroup).toBeLessThan(historyEventLimit / 4);
    expect(groupExecutionEvents(page, customerPages)).toBe(
      groupExecutionEvents({ ...page, groupsPerPage: 9 }, customerPages),
    );
  });

  it('sends each automatic export FinishReseller accepted to the export request queue, retried, else leaves it to the sweeper', () => {
    // Prepare
    const iteration = (group.States.CloseResellers as Payload).ItemProcessor.States;
    const exportQueueId = resourcesOfType(faktura.json, 'AWS::SQS::Queue')
      .map(([id]) => id)
      .find((id) => /^ExportRequestsQueue[0-9A-F]{8}$/.test(id))!;
    const [, groupMachine] = stateMachineOf(faktura.json, 'monthly-close-group');
    const groupRole = groupMachine.Properties.RoleArn['Fn::GetAtt'][0];

    // Assess: FinishReseller's answer is kept, and its requests are the Map's items, sent as they are
    expect(iteration.FinishReseller).toMatchObject({ ResultPath: '$.finished', Next: 'QueueAutoExports' });
    expect(iteration.QueueAutoExports).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.finished.exportRequests',
      ResultPath: null,
      End: true,
    });
    const queueing = iteration.QueueAutoExports.ItemProcessor.States;
    expect(queueing[queueAutoExportTask]).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: {
        QueueUrl: localQueueUrl(exportQueueId),
        'MessageBody.$': '$.MessageBody',
        'MessageGroupId.$': '$.MessageGroupId',
        'MessageDeduplicationId.$': '$.MessageDeduplicationId',
      },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'AutoExportLeftToSweeper' }],
    });
    expect(queueing[queueAutoExportTask].Retry[0]).toMatchObject({
      ErrorEquals: ['States.ALL'],
      MaxAttempts: 3,
    });
    expect(queueing.AutoExportLeftToSweeper).toEqual({ Type: 'Pass', End: true });
    // The group's role sends to that queue and no other; FinishReseller's function sends to none.
    expect(
      statementsAllowing(statementsOfRole(faktura.json, groupRole), 'sqs:SendMessage').map(
        (statement) => statement.Resource,
      ),
    ).toEqual([arnOf(exportQueueId)]);
    const [, finishFunction] = functionsByCatalogName(faktura.json).get('monthly-close-finish')!;
    expect(
      actionsOf(statementsOfRole(faktura.json, roleOfFunction(finishFunction))).filter((action) =>
        action.startsWith('sqs:'),
      ),
    ).toEqual([]);
  });

  it('retries every step, and catches a reseller’s failure so the other resellers are closed', () => {
    // Prepare
    const iteration = (group.States.CloseResellers as Payload).ItemProcessor.States;
    const child = (definition.States.CloseGroups as Payload).ItemProcessor.States.CloseResellerGroup;

    // Assess
    for (const state of ['CloseCustomers', 'FinishReseller']) {
      expect(iteration[state].Retry[0]).toMatchObject({ ErrorEquals: ['States.ALL'], MaxAttempts: 3 });
      expect(iteration[state].Catch).toEqual([
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordResellerFailure' },
      ]);
    }
    for (const state of [
      definition.States.PlanClose as Payload,
      definition.States.ReportClose as Payload,
      child,
    ])
      expect(state.Retry[0]).toMatchObject({ ErrorEquals: ['States.ALL'], MaxAttempts: 3 });
  });

  it('is started only by the monthly-close function, which the schedule invokes', () => {
    // Prepare
    const byName = functionsByCatalogName(faktura.json);
    const startersOf = (kind: string) => {
      const [machineId] = stateMachineOf(faktura.json, kind);
      return [...byName]
        .filter(([, [, fn]]) =>
          statementsAllowing(
            statementsOfRole(faktura.json, roleOfFunction(fn)),
            'states:StartExecution',
          ).some((statement) => JSON.stringify(statement.Resource).includes(machineId)),
        )
        .map(([name]) => name);
    };

    // Assess
    expect(startersOf('monthly-close')).toEqual([monthlyCloseFunction]);
    expect(startersOf('monthly-close-group')).toEqual([]);
  });

  describe('in the local interpreter', () => {
    const run = (handlers: Record<string, Handler>) =>
      new StateMachine(definition).run(
        { month: '2026-10' },
        {
          overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: noRetryPause },
          context: {
            Execution: {
              Id: 'arn:aws:states:local:000000000000:execution:monthly-close:close-2026-10-test',
              Name: 'close-2026-10-test',
            },
          },
        },
      ).result;

    it('closes each page of groups, each reseller page after page, then finishes it, then reports', async () => {
      // Prepare: two pages of resellers; r1 has three pages of customers, the others one
      const close = closeHandlers(group, {
        PlanClose: async (state) =>
          state.cursor ? { groups: [['r3']] } : { groups: [['r1'], ['r2']], cursor: 'after-r2' },
        CloseCustomers: async (state) => {
          const page = Number(state.cursor ?? 0) + 1;
          const last = state.reseller !== 'r1' || page === 3;
          return { ...state, cursor: String(page), tally: { created: page }, done: last };
        },
      });

      // Act
      const output = await run(close.handlers);

      // Assess
      const page = defaultClosePaging;
      expect(close.callsOf('PlanClose').map((call) => call.input)).toEqual([
        { month: '2026-10', run: 'close-2026-10-test', page },
        { month: '2026-10', run: 'close-2026-10-test', page, cursor: 'after-r2' },
      ]);
      expect(close.callsOf('CloseResellerGroup').map((call) => call.input.Input.resellers)).toEqual([
        ['r1'],
        ['r2'],
        ['r3'],
      ]);
      const r1 = close.callsOf('CloseCustomers').filter((call) => call.input.reseller === 'r1');
      expect(r1.map((call) => call.input.cursor)).toEqual([undefined, '1', '2']);
      expect(
        close
          .callsOf('FinishReseller')
          .map((call) => call.input.reseller)
          .sort(),
      ).toEqual(['r1', 'r2', 'r3']);
      expect(
        close.callsOf('FinishReseller').find((call) => call.input.reseller === 'r1')?.input.tally,
      ).toEqual({ created: 3 });
      expect(close.callsOf('ReportClose')[0]?.input).toEqual({ month: '2026-10', run: 'close-2026-10-test' });
      expect((output as Payload).summary).toEqual({ failures: 0, invoicesCreated: 2 });
    });

    it('sends the automatic exports each reseller accepted, and a send that keeps failing fails no reseller', async () => {
      // Prepare: r1 accepted two exports, r2 one, whose queue keeps refusing
      const close = closeHandlers(group, {
        FinishReseller: async ({ reseller }) => ({
          recorded: true,
          exportRequests:
            reseller === 'r1'
              ? [exportRequest('r1', 'economic'), exportRequest('r1', 'uniconta')]
              : [exportRequest('r2', 'economic')],
        }),
        QueueAutoExport: async ({ MessageGroupId }) => {
          if (MessageGroupId === 'r2#economic')
            throw Object.assign(new Error('no'), { name: 'SQS.SdkClientException' });
          return { MessageId: 'm' };
        },
      });

      // Act
      const output = await run(close.handlers);

      // Assess
      const queueUrl = (group.States.CloseResellers as Payload).ItemProcessor.States.QueueAutoExports
        .ItemProcessor.States[queueAutoExportTask].Parameters.QueueUrl;
      const sends = close.callsOf(queueAutoExportTask).map((call) => call.input);
      expect(sends.filter((send) => send.MessageGroupId !== 'r2#economic')).toEqual([
        { QueueUrl: queueUrl, ...exportRequest('r1', 'economic') },
        { QueueUrl: queueUrl, ...exportRequest('r1', 'uniconta') },
      ]);
      // Tried 1 + 3 times, then left to the sweeper: the reseller's close stands.
      expect(sends.filter((send) => send.MessageGroupId === 'r2#economic')).toHaveLength(4);
      expect(close.callsOf('RecordResellerFailure')).toEqual([]);
      expect((output as Payload).summary).toEqual({ failures: 0, invoicesCreated: 2 });
    });

    it('records a reseller that keeps failing and goes on with the others, then ends incomplete', async () => {
      // Prepare
      const close = closeHandlers(group, {
        CloseCustomers: async (state) => {
          if (state.reseller === 'r1') throw new Error('DynamoDB said no');
          return { ...state, done: true };
        },
        ReportClose: async () => ({ failures: 1 }),
      });

      // Act
      const outcome = run(close.handlers);

      // Assess
      await expect(outcome).rejects.toMatchObject({
        name: 'ExecutionError',
        cause: expect.objectContaining({ name: 'MonthlyCloseIncomplete' }),
      });
      expect(close.callsOf('CloseCustomers').filter((call) => call.input.reseller === 'r1')).toHaveLength(4);
      expect(close.callsOf('RecordResellerFailure')[0]?.input).toMatchObject({
        reseller: 'r1',
        error: { Error: 'Error' },
      });
      expect(close.callsOf('FinishReseller').map((call) => call.input.reseller)).toEqual(['r2']);
    });
  });
});
