import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { customersPerPage } from '#app/monthly-close/close-customers';
import { monthlyCloseTasks } from '#infra/catalog';
import { defaultClosePaging } from '#infra/constructs/monthly-close-machine';
import { monthlyCloseFunction } from '#infra/faktura-stack';
import {
  type ClosePaging,
  closeExecutionEvents,
  groupExecutionEvents,
  historyEventLimit,
} from '#infra/monthly-close-history';
import {
  localFunctionArn,
  localStateMachineArn,
  monthlyCloseGroupStateMachineDefinition,
  monthlyCloseStateMachineDefinition,
} from '#infra/synthesize';
import {
  functionsByCatalogName,
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
    FinishReseller: async () => ({ recorded: true }),
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
  [...Object.keys(monthlyCloseTasks), 'CloseResellerGroup'].map((state) => [state, 0]),
);

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
    // Each Map is over a page's groups or a group's resellers, bounded, its results discarded.
    expect(
      Object.fromEntries(
        maps.map(([name, map]) => [name, [map.ItemsPath, map.MaxConcurrency, map.ResultPath]]),
      ),
    ).toEqual({
      CloseGroups: ['$.plan.groups', groupsPerPage, null],
      CloseResellers: ['$.resellers', resellersPerGroup, null],
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
