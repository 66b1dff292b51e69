import { beforeAll, describe, expect, it } from 'vitest';
import { environmentNames, exportSagaTasks } from '#infra/catalog';
import { lambdaServiceErrors } from '#infra/constructs/export-saga';
import { exportStateMachineDefinition, localFunctionArn } from '#infra/synthesize';
import {
  arnOf,
  functionsByCatalogName,
  roleOfFunction,
  type SynthesizedFaktura,
  stateMachineOf,
  statementsAllowing,
  statementsOfRole,
  synthesizeFaktura,
} from './template.ts';

type States = Record<string, any>;

describe('export saga state machine', () => {
  let faktura: SynthesizedFaktura;
  let stateMachineId: string;
  let states: States;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    [stateMachineId] = stateMachineOf(faktura.json, 'export');
    states = exportStateMachineDefinition(faktura.json).States;
  });

  it('is a Standard state machine, traced, logging every event with its data', () => {
    // Prepare
    const [, machine] = stateMachineOf(faktura.json, 'export');
    const logGroupId =
      machine.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn[
        'Fn::GetAtt'
      ][0];

    // Assess
    expect(machine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
    });
    expect(faktura.json.Resources[logGroupId].Properties.LogGroupName).toMatch(
      /^\/aws\/vendedlogs\/states\//,
    );
  });

  it('is plain JSONPath: no JSONata, no variables', () => {
    // Prepare
    const definition = exportStateMachineDefinition(faktura.json);
    const text = JSON.stringify(definition);

    // Assess
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(text).not.toMatch(/"QueryLanguage":"JSONata"|"Assign"|"Arguments"|"Output"/);
  });

  it('has exactly the states of the contract with the local runtime', () => {
    // Prepare
    const mapStates = states.ExportBatches.ItemProcessor.States;

    // Assess
    expect(Object.keys(states).sort()).toEqual(
      [
        'PrepareExport',
        'HasInvoices',
        'ListBatches',
        'ExportBatches',
        'MarkBatches',
        'FinalizeExport',
        'NotifyExportSucceeded',
        'ExportSucceeded',
        'CompensateBatches',
        'CompensateExport',
        'NotifyExportFailed',
        'ExportFailed',
      ].sort(),
    );
    expect(Object.keys(mapStates)).toEqual(['ExportBatch']);
    expect(Object.keys(states.MarkBatches.ItemProcessor.States)).toEqual(['MarkExportBatch']);
    expect(Object.keys(states.CompensateBatches.ItemProcessor.States).sort()).toEqual([
      'BatchCompensated',
      'BatchDraftsDeleted',
      'CompensateExportBatch',
    ]);
    expect(exportStateMachineDefinition(faktura.json).StartAt).toBe('PrepareExport');
  });

  it.each(Object.entries(exportSagaTasks))('runs %s on %s, its function ARN as the Resource', (state, fn) => {
    // Prepare
    const task =
      states[state] ??
      states.ExportBatches.ItemProcessor.States[state] ??
      states.MarkBatches.ItemProcessor.States[state] ??
      states.CompensateBatches.ItemProcessor.States[state];

    // Assess
    expect(task.Type).toBe('Task');
    expect(task.Resource).toBe(localFunctionArn(fn));
    expect(task.Parameters).toBeUndefined();
    expect(task.TimeoutSeconds).toBeGreaterThan(0);
  });

  it('prepares into $.prepared, keeping only the batch count, and compensates on any failure', () => {
    // Assess
    expect(states.PrepareExport).toMatchObject({
      ResultPath: '$.prepared',
      ResultSelector: { 'batchCount.$': '$.batchCount' },
      Next: 'HasInvoices',
      Retry: [{ ErrorEquals: [...lambdaServiceErrors] }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'CompensateExport' }],
    });
  });

  it('lists the batches only when there are some', () => {
    // Assess
    expect(states.HasInvoices).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.prepared.batchCount', NumericGreaterThan: 0, Next: 'ListBatches' }],
      Default: 'FinalizeExport',
    });
    expect(states.ListBatches).toEqual({
      Type: 'Pass',
      Parameters: { 'indexes.$': 'States.ArrayRange(0, States.MathAdd($.prepared.batchCount, -1), 1)' },
      ResultPath: '$.batches',
      Next: 'ExportBatches',
    });
  });

  /** What each iteration over the batches gets: the export's ids and its batch index. */
  const batchItem = {
    'exportId.$': '$.exportId',
    'reseller.$': '$.reseller',
    'system.$': '$.system',
    'batch.$': '$$.Map.Item.Value',
  };

  it('maps over the batch indexes with bounded concurrency, ids only, discarding the results', () => {
    // Assess
    expect(states.ExportBatches).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.batches.indexes',
      ItemSelector: batchItem,
      MaxConcurrency: 2,
      ResultPath: null,
      Next: 'MarkBatches',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'CompensateBatches' }],
    });
  });

  it('undoes a failure in the batches batch by batch, each batch called again while drafts are left, then CompensateExport', () => {
    // Prepare
    const item = states.CompensateBatches.ItemProcessor;

    // Assess
    expect(states.CompensateBatches).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.batches.indexes',
      ItemSelector: batchItem,
      MaxConcurrency: 2,
      ResultPath: null,
      Next: 'CompensateExport',
    });
    expect(states.CompensateBatches.Catch).toBeUndefined();
    expect(item.StartAt).toBe('CompensateExportBatch');
    expect(item.States.CompensateExportBatch).toMatchObject({
      ResultPath: '$.compensation',
      Next: 'BatchCompensated',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 5, BackoffRate: 2, JitterStrategy: 'FULL' }],
    });
    expect(item.States.CompensateExportBatch.Catch).toBeUndefined();
    expect(item.States.BatchCompensated).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.compensation.left', NumericGreaterThan: 0, Next: 'CompensateExportBatch' }],
      Default: 'BatchDraftsDeleted',
    });
    expect(item.States.BatchDraftsDeleted).toEqual({ Type: 'Succeed' });
  });

  it('then marks the same batches, each on its own, ten at once, ids only, and never compensates from there', () => {
    // Assess
    expect(states.MarkBatches).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.batches.indexes',
      ItemSelector: batchItem,
      MaxConcurrency: 10,
      ResultPath: null,
      Next: 'FinalizeExport',
    });
    expect(states.MarkBatches.Catch).toBeUndefined();
    expect(states.MarkBatches.ItemProcessor.States.MarkExportBatch).toMatchObject({
      ResultPath: null,
      OutputPath: '$.batch',
      End: true,
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 6 }],
    });
    expect(states.MarkBatches.ItemProcessor.States.MarkExportBatch.Catch).toBeUndefined();
  });

  it('retries a batch on accounting throttling and outages, Lambda errors and a timed-out or crashed invocation, with backoff and full jitter', () => {
    // Prepare
    const exportBatch = states.ExportBatches.ItemProcessor.States.ExportBatch;

    // Assess
    expect(exportBatch.Retry).toEqual([
      {
        ErrorEquals: [
          'AccountingThrottled',
          'AccountingUnavailable',
          ...lambdaServiceErrors,
          'Sandbox.Timedout',
          'States.Timeout',
          'Runtime.ExitError',
        ],
        IntervalSeconds: 2,
        BackoffRate: 2,
        MaxAttempts: 6,
        JitterStrategy: 'FULL',
      },
    ]);
    expect(exportBatch).toMatchObject({ ResultPath: null, OutputPath: '$.batch', End: true });
  });

  it('finalizes with retries, then notifies; a finalize that fails for good fails the execution for a redrive, never compensates', () => {
    // Assess
    expect(states.FinalizeExport).toMatchObject({
      Next: 'NotifyExportSucceeded',
      Retry: [{ ErrorEquals: ['States.ALL'], BackoffRate: 2, MaxAttempts: 6 }],
    });
    expect(states.FinalizeExport.Catch).toBeUndefined();
    expect(states.NotifyExportSucceeded).toMatchObject({
      Next: 'ExportSucceeded',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notifyError', Next: 'ExportSucceeded' }],
    });
    expect(states.ExportSucceeded).toEqual({ Type: 'Succeed' });
  });

  it('compensates with retries of its own, notifies, and fails the execution as ExportFailed', () => {
    // Assess
    expect(states.CompensateExport).toMatchObject({
      Next: 'NotifyExportFailed',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 5, BackoffRate: 2 }],
    });
    expect(states.CompensateExport.Catch).toBeUndefined();
    expect(states.NotifyExportFailed).toMatchObject({
      Next: 'ExportFailed',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'ExportFailed' }],
    });
    expect(states.ExportFailed).toMatchObject({ Type: 'Fail', Error: 'ExportFailed' });
  });

  it('may invoke the saga functions and nothing else', () => {
    // Prepare
    const [, machine] = stateMachineOf(faktura.json, 'export');
    const roleId = machine.Properties.RoleArn['Fn::GetAtt'][0];
    const byName = functionsByCatalogName(faktura.json);
    const sagaFunctionIds = [...new Set(Object.values(exportSagaTasks))].map((name) => byName.get(name)![0]);
    const invoked = statementsAllowing(
      statementsOfRole(faktura.json, roleId),
      'lambda:InvokeFunction',
    ).flatMap((s) => s.Resource as unknown[]);

    // Assess
    const invokedIds = new Set(
      invoked.map((r) => JSON.stringify(r).match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/)?.[1]).filter(Boolean),
    );
    expect([...invokedIds].sort()).toEqual(sagaFunctionIds.sort());
  });

  it('is started by export-request-consumer, which knows its ARN', () => {
    // Prepare
    const [, consumer] = functionsByCatalogName(faktura.json).get('export-request-consumer')!;
    const starts = statementsAllowing(
      statementsOfRole(faktura.json, roleOfFunction(consumer)),
      'states:StartExecution',
    );

    // Assess
    expect(consumer.Properties.Environment.Variables[environmentNames.exportStateMachineArn]).toEqual({
      Ref: stateMachineId,
    });
    expect(starts.map((s) => s.Resource)).toEqual([{ Ref: stateMachineId }]);
  });

  it('takes the Map concurrency from context', () => {
    // Act
    const tuned = exportStateMachineDefinition(synthesizeFaktura({ exportMaxConcurrency: '5' }).json);

    // Assess
    expect(tuned.States.ExportBatches.MaxConcurrency).toBe(5);
  });

  it('refuses a Map concurrency that is not a positive integer', () => {
    // Act & Assess
    expect(() => synthesizeFaktura({ exportMaxConcurrency: '0' })).toThrow(/exportMaxConcurrency/);
  });

  it('logs to a log group with retention', () => {
    // Prepare
    const [, machine] = stateMachineOf(faktura.json, 'export');
    const logGroupArn =
      machine.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn;

    // Assess
    expect(faktura.json.Resources[logGroupArn['Fn::GetAtt'][0]].Properties.RetentionInDays).toBe(90);
    expect(logGroupArn).toEqual(arnOf(logGroupArn['Fn::GetAtt'][0]));
  });
});
