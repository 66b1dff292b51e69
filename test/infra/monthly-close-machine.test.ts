import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthlyCloseTasks } from '#infra/catalog';
import { monthlyCloseFunction } from '#infra/faktura-stack';
import { localFunctionArn, monthlyCloseStateMachineDefinition } from '#infra/synthesize';
import './local-interpreter.ts';
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

/** Records every Task call; each state answers with `behaviour[state]` or a default. */
function closeHandlers(behaviour: Partial<Record<string, Handler>> = {}) {
  const calls: { state: string; input: Payload }[] = [];
  const defaults: Record<string, Handler> = {
    PlanClose: async () => ({ resellers: ['r1', 'r2'] }),
    CloseCustomers: async (state) => ({ ...state, tally: { created: 1 }, done: true }),
    FinishReseller: async () => ({ recorded: true }),
    RecordResellerFailure: async () => ({ recorded: true }),
    ReportClose: async () => ({ failures: 0, invoicesCreated: 2 }),
  };
  const handlers = Object.fromEntries(
    Object.entries(defaults).map(([state, fallback]) => [
      state,
      async (input: Payload) => {
        calls.push({ state, input: structuredClone(input) });
        return (behaviour[state] ?? fallback)(input);
      },
    ]),
  );
  return { handlers, callsOf: (state: string) => calls.filter((call) => call.state === state) };
}

describe('monthly close state machine', () => {
  let faktura: SynthesizedFaktura;
  let definition: StateMachineDefinition;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    definition = monthlyCloseStateMachineDefinition(faktura.json) as StateMachineDefinition;
  });

  it('is a Standard machine with full logging and tracing, every Task on its catalog function', () => {
    // Prepare
    const [, machine] = stateMachineOf(faktura.json, 'monthly-close');
    const text = JSON.stringify(definition);

    // Assess
    expect(machine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
    });
    for (const fn of new Set(Object.values(monthlyCloseTasks))) expect(text).toContain(localFunctionArn(fn));
  });

  it('fans out over resellers a few at a time and keeps no per-reseller results in the state', () => {
    // Assess
    const map = definition.States.CloseResellers as Payload;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.plan.resellers',
      MaxConcurrency: 4,
      ResultPath: null,
      ItemSelector: { 'month.$': '$.month', 'run.$': '$.run', 'reseller.$': '$$.Map.Item.Value' },
    });
    expect(definition.States.Begin).toMatchObject({ Parameters: { 'run.$': '$$.Execution.Name' } });
  });

  it('retries every step, and catches a reseller’s failure so the other resellers are closed', () => {
    // Prepare
    const iteration = (definition.States.CloseResellers as Payload).ItemProcessor.States;

    // Assess
    for (const state of ['CloseCustomers', 'FinishReseller']) {
      expect(iteration[state].Retry[0]).toMatchObject({ ErrorEquals: ['States.ALL'], MaxAttempts: 3 });
      expect(iteration[state].Catch).toEqual([
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordResellerFailure' },
      ]);
    }
  });

  it('is started only by the monthly-close function, which the schedule invokes', () => {
    // Prepare
    const [machineId] = stateMachineOf(faktura.json, 'monthly-close');
    const byName = functionsByCatalogName(faktura.json);
    const starters = [...byName].filter(([, [, fn]]) =>
      statementsAllowing(statementsOfRole(faktura.json, roleOfFunction(fn)), 'states:StartExecution').some(
        (statement) => JSON.stringify(statement.Resource).includes(machineId),
      ),
    );

    // Assess
    expect(starters.map(([name]) => name)).toEqual([monthlyCloseFunction]);
  });

  describe('in the local interpreter', () => {
    const run = (handlers: Record<string, Handler>) =>
      new StateMachine(definition).run(
        { month: '2026-10' },
        {
          overrides: {
            taskResourceLocalHandlers: handlers,
            retryIntervalOverrides: Object.fromEntries(Object.keys(monthlyCloseTasks).map((s) => [s, 0])),
          },
          context: { Execution: { Name: 'close-2026-10-test' } },
        },
      ).result;

    it('closes each reseller page after page, then finishes it, then reports', async () => {
      // Prepare: r1 has three pages of customers, r2 one
      const close = closeHandlers({
        CloseCustomers: async (state) => {
          const page = Number(state.cursor ?? 0) + 1;
          const last = state.reseller === 'r2' || page === 3;
          return { ...state, cursor: String(page), tally: { created: page }, done: last };
        },
      });

      // Act
      const output = await run(close.handlers);

      // Assess
      expect(close.callsOf('PlanClose')[0]?.input).toEqual({ month: '2026-10', run: 'close-2026-10-test' });
      const r1 = close.callsOf('CloseCustomers').filter((call) => call.input.reseller === 'r1');
      expect(r1.map((call) => call.input.cursor)).toEqual([undefined, '1', '2']);
      expect(
        close
          .callsOf('FinishReseller')
          .map((call) => call.input.reseller)
          .sort(),
      ).toEqual(['r1', 'r2']);
      expect(
        close.callsOf('FinishReseller').find((call) => call.input.reseller === 'r1')?.input.tally,
      ).toEqual({
        created: 3,
      });
      expect(close.callsOf('ReportClose')[0]?.input).toEqual({ month: '2026-10', run: 'close-2026-10-test' });
      expect((output as Payload).summary).toEqual({ failures: 0, invoicesCreated: 2 });
    });

    it('records a reseller that keeps failing and goes on with the others, then ends incomplete', async () => {
      // Prepare
      const close = closeHandlers({
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
