import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalStepFunctions, startStepFunctions } from '../../src/services/step-functions.ts';

/**
 * The Step Functions shim, driven by the real `@aws-sdk/client-sfn`, running definitions shaped
 * like the export saga CDK synthesizes (resolved Lambda ARNs, a Map over batch indexes built by
 * nested intrinsics, Retry on a custom error name, Catch to a compensation and a Fail state).
 */
const fn = (name: string) => `arn:aws:lambda:local:000000000000:function:${name}`;
const region = 'eu-west-1';

class AccountingThrottled extends Error {
  public override readonly name = 'AccountingThrottled';
}
class AccountingRejected extends Error {
  public override readonly name = 'AccountingRejected';
}

const sagaDefinition = {
  Comment: 'Shaped like the export saga',
  StartAt: 'PrepareExport',
  States: {
    PrepareExport: {
      Type: 'Task',
      Resource: fn('export-prepare'),
      ResultSelector: { 'batchCount.$': '$.batchCount' },
      ResultPath: '$.prepared',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'CompensateExport' }],
      Next: 'HasInvoices',
    },
    HasInvoices: {
      Type: 'Choice',
      Choices: [{ Variable: '$.prepared.batchCount', NumericGreaterThan: 0, Next: 'ListBatches' }],
      Default: 'FinalizeExport',
    },
    ListBatches: {
      Type: 'Pass',
      Parameters: { 'indexes.$': 'States.ArrayRange(0, States.MathAdd($.prepared.batchCount, -1), 1)' },
      ResultPath: '$.batches',
      Next: 'ExportBatches',
    },
    ExportBatches: {
      Type: 'Map',
      ItemsPath: '$.batches.indexes',
      ItemSelector: {
        'exportId.$': '$.exportId',
        'reseller.$': '$.reseller',
        'batch.$': '$$.Map.Item.Value',
      },
      MaxConcurrency: 2,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'ExportBatch',
        States: {
          ExportBatch: {
            Type: 'Task',
            Resource: fn('export-batch'),
            TimeoutSeconds: 360,
            Retry: [
              {
                ErrorEquals: ['AccountingThrottled'],
                IntervalSeconds: 2,
                MaxAttempts: 6,
                BackoffRate: 2,
                JitterStrategy: 'FULL',
              },
            ],
            End: true,
          },
        },
      },
      ResultPath: '$.exported',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'CompensateExport' }],
      Next: 'FinalizeExport',
    },
    FinalizeExport: {
      Type: 'Task',
      Resource: fn('export-finalize'),
      ResultPath: '$.finalized',
      Next: 'ExportSucceeded',
    },
    ExportSucceeded: { Type: 'Succeed' },
    CompensateExport: {
      Type: 'Task',
      Resource: fn('export-compensate'),
      ResultPath: '$.compensated',
      Next: 'ExportFailed',
    },
    ExportFailed: { Type: 'Fail', Error: 'ExportFailed', Cause: 'The export failed and was compensated.' },
  },
  TimeoutSeconds: 43200,
};

/** One Task that waits until the test releases it. */
const holdDefinition = {
  StartAt: 'Hold',
  States: { Hold: { Type: 'Task', Resource: fn('hold'), End: true } },
};

/** Retry pace: 20 s, then 40 s, scaled by 0.01 to 200 ms and 400 ms. */
const paceDefinition = {
  StartAt: 'Flaky',
  States: {
    Flaky: {
      Type: 'Task',
      Resource: fn('flaky'),
      Retry: [{ ErrorEquals: ['AccountingThrottled'], IntervalSeconds: 20, BackoffRate: 2, MaxAttempts: 2 }],
      End: true,
    },
  },
};

const contextDefinition = {
  StartAt: 'Context',
  States: {
    Context: {
      Type: 'Pass',
      Parameters: {
        'id.$': '$$.Execution.Id',
        'name.$': '$$.Execution.Name',
        'machine.$': '$$.StateMachine.Name',
      },
      Next: 'Invoke',
    },
    Invoke: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: fn('echo'), 'Payload.$': '$' },
      ResultSelector: { 'payload.$': '$.Payload', 'statusCode.$': '$.StatusCode' },
      End: true,
    },
  },
};

const bigDefinition = {
  StartAt: 'Big',
  States: {
    Big: {
      Type: 'Task',
      Resource: fn('big'),
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
      End: true,
    },
    Caught: { Type: 'Succeed' },
  },
};

type Behaviour = (payload: unknown) => Promise<unknown>;

/** A parent that runs a child execution as a job (the monthly close's groups are run so). */
const childDefinition = {
  StartAt: 'ChildWork',
  States: { ChildWork: { Type: 'Task', Resource: fn('child-work'), End: true } },
};
const parentDefinition = {
  StartAt: 'RunChild',
  States: {
    RunChild: {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: {
        StateMachineArn: `arn:aws:states:eu-west-1:000000000000:stateMachine:child`,
        Input: { 'n.$': '$.n', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' },
      },
      ResultSelector: { 'status.$': '$.Status', 'output.$': '$.Output' },
      Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.failure', Next: 'ChildFailed' }],
      End: true,
    },
    ChildFailed: { Type: 'Pass', End: true },
  },
};

/** A Map that queues one SQS message per item (the monthly close queues its automatic exports so). */
const queueDefinition = {
  StartAt: 'QueueMessages',
  States: {
    QueueMessages: {
      Type: 'Map',
      ItemsPath: '$.messages',
      ItemProcessor: {
        StartAt: 'SendOne',
        States: {
          SendOne: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Parameters: {
              QueueUrl: 'http://127.0.0.1:1/000000000000/exports.fifo',
              'MessageBody.$': '$.body',
              'MessageGroupId.$': '$.group',
            },
            Retry: [{ ErrorEquals: ['SQS.RequestThrottled'], IntervalSeconds: 1, MaxAttempts: 1 }],
            Catch: [{ ErrorEquals: ['SQS.QueueDoesNotExist'], ResultPath: '$.failure', Next: 'NotQueued' }],
            End: true,
          },
          NotQueued: { Type: 'Pass', End: true },
        },
      },
      End: true,
    },
  },
};

/** What the queue Tasks sent, and how SQS answers: a body may ask for an error. */
let sent: unknown[];
const sendMessage = async (parameters: Record<string, unknown>) => {
  sent.push(parameters);
  const failWith = (name: string) => Object.assign(new Error(`${name} from SQS`), { name });
  if (parameters.MessageBody === 'no-queue') throw failWith('QueueDoesNotExist');
  const tries = sent.filter((each) => (each as typeof parameters).MessageBody === parameters.MessageBody);
  if (parameters.MessageBody === 'throttled-once' && tries.length === 1) throw failWith('RequestThrottled');
  return { MessageId: `m-${sent.length}`, MD5OfMessageBody: 'md5', SequenceNumber: String(sent.length) };
};

let behaviours: Record<string, Behaviour>;
let invocations: { name: string; payload: unknown; at: number }[];
let inFlight = 0;
let maxInFlight = 0;
let releaseHold: () => void = () => undefined;

const invokeFunction = async (name: string, payload: unknown): Promise<unknown> => {
  invocations.push({ name, payload, at: Date.now() });
  const behaviour = behaviours[name];
  if (!behaviour) throw new Error(`no behaviour for ${name}`);
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  try {
    return await behaviour(payload);
  } finally {
    inFlight--;
  }
};

const defaultBehaviours = (): Record<string, Behaviour> => ({
  'export-prepare': async () => ({ batchCount: 3, ignored: 'not selected' }),
  'export-batch': async (payload) => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return { exported: (payload as { batch: number }).batch };
  },
  'export-finalize': async () => ({ marked: 3 }),
  'child-work': async (payload) => {
    const { n } = payload as { n: number };
    if (n < 0) throw new AccountingRejected(`no ${n}`);
    return { doubled: n * 2 };
  },
  'export-compensate': async () => ({ deleted: 0 }),
  hold: () =>
    new Promise((resolve) => {
      releaseHold = () => resolve({ released: true });
    }),
  flaky: async () => {
    throw new AccountingThrottled('429 from e-conomic');
  },
  echo: async (payload) => payload,
  big: async () => ({ blob: 'x'.repeat(300 * 1024) }),
});

let service: LocalStepFunctions;
let client: SFNClient;
const arnOf = (name: string) => `arn:aws:states:${region}:000000000000:stateMachine:${name}`;

/** What a call rejected with (an object without `name` if it resolved), caught at once. */
const outcome = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    (resolved) => ({ resolved }),
    (error: unknown) => error,
  );

const waitForEnd = async (executionArn: string): Promise<DescribeExecutionCommandOutput> => {
  for (;;) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return execution;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const history = async (executionArn: string): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 100 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
};

const sagaInput = {
  exportId: '65f0000000000000000000e1',
  reseller: '65f000000000000000000001',
  system: 'economic',
};

beforeAll(async () => {
  service = await startStepFunctions({
    port: 0,
    region,
    stateMachines: [
      { name: 'saga', definition: sagaDefinition },
      { name: 'hold', definition: holdDefinition },
      { name: 'pace', definition: paceDefinition },
      { name: 'context', definition: contextDefinition },
      { name: 'big', definition: bigDefinition },
      { name: 'parent', definition: parentDefinition },
      { name: 'child', definition: childDefinition },
      { name: 'queue', definition: queueDefinition },
    ],
    invokeFunction,
    sendMessage,
    retryIntervalScale: 0.01,
  });
  client = new SFNClient({
    endpoint: service.endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  releaseHold();
  client?.destroy();
  await service?.stop();
});

beforeEach(() => {
  behaviours = defaultBehaviours();
  invocations = [];
  sent = [];
  maxInFlight = 0;
});

describe('the Step Functions shim', () => {
  it('runs the saga: nested intrinsics build the batch list, the Map runs at most 2 batches at a time', async () => {
    // Prepare
    const name = 'run-1';

    // Act
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('saga'), name, input: JSON.stringify(sagaInput) }),
    );
    const execution = await waitForEnd(started.executionArn!);

    // Assess
    expect(started.executionArn).toBe(`arn:aws:states:${region}:000000000000:execution:saga:${name}`);
    expect(started.startDate).toBeInstanceOf(Date);
    expect(execution).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn: arnOf('saga'),
      name,
      status: 'SUCCEEDED',
      input: JSON.stringify(sagaInput),
    });
    expect(execution.stopDate!.getTime()).toBeGreaterThanOrEqual(execution.startDate!.getTime());
    expect(JSON.parse(execution.output!)).toEqual({
      ...sagaInput,
      prepared: { batchCount: 3 },
      batches: { indexes: [0, 1, 2] },
      exported: [{ exported: 0 }, { exported: 1 }, { exported: 2 }],
      finalized: { marked: 3 },
    });
    expect(invocations.map((call) => call.name)).toEqual([
      'export-prepare',
      'export-batch',
      'export-batch',
      'export-batch',
      'export-finalize',
    ]);
    expect(invocations[0]!.payload).toEqual(sagaInput);
    expect(invocations.filter((call) => call.name === 'export-batch').map((call) => call.payload)).toEqual(
      [0, 1, 2].map((batch) => ({ exportId: sagaInput.exportId, reseller: sagaInput.reseller, batch })),
    );
    expect(maxInFlight).toBe(2);
  });

  it('retries a custom error name (AccountingThrottled) at the scaled interval, then succeeds', async () => {
    // Prepare
    let calls = 0;
    behaviours['export-batch'] = async (payload) => {
      const { batch } = payload as { batch: number };
      if (batch === 1 && ++calls <= 2) throw new AccountingThrottled('429 Too Many Requests');
      return { exported: batch };
    };

    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: arnOf('saga'),
        name: 'retry-1',
        input: JSON.stringify(sagaInput),
      }),
    );
    const execution = await waitForEnd(executionArn!);
    const events = await history(executionArn!);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(invocations.filter((call) => (call.payload as { batch?: number }).batch === 1)).toHaveLength(3);
    const failures = events.filter((event) => event.type === 'LambdaFunctionFailed');
    expect(failures).toHaveLength(2);
    expect(failures[0]!.lambdaFunctionFailedEventDetails?.error).toBe('AccountingThrottled');
    expect(JSON.parse(failures[0]!.lambdaFunctionFailedEventDetails!.cause!)).toMatchObject({
      errorType: 'AccountingThrottled',
      errorMessage: '429 Too Many Requests',
    });
    expect(events.filter((event) => event.type === 'LambdaFunctionSucceeded')).toHaveLength(5);
  });

  it('catches a failure after the retries run out, compensates, and ends in the Fail state', async () => {
    // Prepare
    behaviours['export-batch'] = async (payload) => {
      const { batch } = payload as { batch: number };
      if (batch === 0) throw new AccountingThrottled('still throttled');
      if (batch === 2) throw new AccountingRejected('customer 42 does not exist');
      return { exported: batch };
    };

    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: arnOf('saga'),
        name: 'catch-1',
        input: JSON.stringify(sagaInput),
      }),
    );
    const execution = await waitForEnd(executionArn!);

    // Assess
    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'ExportFailed',
      cause: 'The export failed and was compensated.',
    });
    expect(execution.output).toBeUndefined();
    const compensate = invocations.find((call) => call.name === 'export-compensate');
    const failure = (compensate!.payload as { failure: { Error: string; Cause: string } }).failure;
    // Batch 2 fails at once (no retrier for AccountingRejected); batch 0 would be retried 6 times.
    expect(failure.Error).toBe('AccountingRejected');
    expect(JSON.parse(failure.Cause)).toMatchObject({
      errorType: 'AccountingRejected',
      errorMessage: 'customer 42 does not exist',
    });
    expect(invocations.some((call) => call.name === 'export-finalize')).toBe(false);
  });

  it('retries until MaxAttempts, then the Catch takes the error', async () => {
    // Prepare
    behaviours['export-prepare'] = async () => ({ batchCount: 1 });
    behaviours['export-batch'] = async () => {
      throw new AccountingThrottled('throttled for good');
    };

    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: arnOf('saga'),
        name: 'exhaust-1',
        input: JSON.stringify(sagaInput),
      }),
    );
    const execution = await waitForEnd(executionArn!);

    // Assess
    expect(execution.error).toBe('ExportFailed');
    expect(invocations.filter((call) => call.name === 'export-batch')).toHaveLength(7);
    const compensate = invocations.find((call) => call.name === 'export-compensate');
    expect((compensate!.payload as { failure: { Error: string } }).failure.Error).toBe('AccountingThrottled');
  });

  it('waits IntervalSeconds × BackoffRate^n between retries, scaled by retryIntervalScale', async () => {
    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('pace'), name: 'pace-1' }),
    );
    const execution = await waitForEnd(executionArn!);

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'AccountingThrottled' });
    const gaps = invocations.slice(1).map((call, i) => call.at - invocations[i]!.at);
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toBeGreaterThanOrEqual(195);
    expect(gaps[0]).toBeLessThan(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(395);
    expect(gaps[1]).toBeLessThan(1500);
  });

  it('runs a startExecution.sync:2 Task as a child execution and answers its output as JSON', async () => {
    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('parent'), name: 'parent-1', input: '{"n":21}' }),
    );
    const execution = await waitForEnd(executionArn!);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ status: 'SUCCEEDED', output: { doubled: 42 } });
    const { executions = [] } = await client.send(
      new ListExecutionsCommand({ stateMachineArn: arnOf('child') }),
    );
    const child = await client.send(
      new DescribeExecutionCommand({ executionArn: executions[0]!.executionArn }),
    );
    expect(JSON.parse(child.input!)).toEqual({
      n: 21,
      AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: executionArn,
    });
    expect((await history(executionArn!)).map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails the Task with States.TaskFailed when the child fails, its description as the cause', async () => {
    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('parent'), name: 'parent-2', input: '{"n":-1}' }),
    );
    const execution = await waitForEnd(executionArn!);

    // Assess
    const { failure } = JSON.parse(execution.output!);
    expect(failure.Error).toBe('States.TaskFailed');
    expect(JSON.parse(failure.Cause)).toMatchObject({ Status: 'FAILED', Error: 'AccountingRejected' });
  });

  it('sends an sqs:sendMessage Task its parameters, answers SQS, and names its errors SQS.<name> for Retry and Catch', async () => {
    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: arnOf('queue'),
        name: 'queue-1',
        input: JSON.stringify({
          messages: [
            { body: 'throttled-once', group: 'a' },
            { body: 'no-queue', group: 'b' },
          ],
        }),
      }),
    );
    const execution = await waitForEnd(executionArn!);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    const [first, second] = JSON.parse(execution.output!);
    expect(first).toEqual({
      // The Map sends both items at once: which send is which is not fixed.
      MessageId: expect.stringMatching(/^m-[23]$/),
      MD5OfMessageBody: 'md5',
      SequenceNumber: expect.stringMatching(/^[23]$/),
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: expect.any(String) },
    });
    expect(second).toEqual({
      body: 'no-queue',
      group: 'b',
      failure: { Error: 'SQS.QueueDoesNotExist', Cause: 'QueueDoesNotExist from SQS' },
    });
    const queueUrl = 'http://127.0.0.1:1/000000000000/exports.fifo';
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(
      expect.arrayContaining([
        { QueueUrl: queueUrl, MessageBody: 'throttled-once', MessageGroupId: 'a' },
        { QueueUrl: queueUrl, MessageBody: 'no-queue', MessageGroupId: 'b' },
      ]),
    );
    const scheduled = (await history(executionArn!)).filter((event) => event.type === 'TaskScheduled');
    expect(scheduled.map((event) => event.taskScheduledEventDetails?.resourceType)).toEqual([
      'sqs',
      'sqs',
      'sqs',
    ]);
  });

  it('gives the context object and runs lambda:invoke tasks', async () => {
    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('context'), name: 'ctx-1' }),
    );
    const execution = await waitForEnd(executionArn!);

    // Assess
    expect(JSON.parse(execution.output!)).toEqual({
      payload: { id: executionArn, name: 'ctx-1', machine: 'context' },
      statusCode: 200,
    });
    expect(invocations).toEqual([
      {
        name: 'echo',
        payload: { id: executionArn, name: 'ctx-1', machine: 'context' },
        at: expect.any(Number),
      },
    ]);
  });

  it('fails with States.DataLimitExceeded, past any Catch, when a result exceeds 256 KiB', async () => {
    // Act
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('big'), name: 'big-1' }),
    );
    const execution = await waitForEnd(executionArn!);

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('is idempotent by name while running, and refuses the name otherwise', async () => {
    // Prepare
    const input = JSON.stringify({ exportId: 'a' });
    const first = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'same', input }),
    );

    // Act
    const again = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'same', input }),
    );
    const otherInput = outcome(
      client.send(
        new StartExecutionCommand({
          stateMachineArn: arnOf('hold'),
          name: 'same',
          input: JSON.stringify({ exportId: 'b' }),
        }),
      ),
    );
    expect(await otherInput).toMatchObject({
      name: 'ExecutionAlreadyExists',
      message: `Execution Already Exists: '${first.executionArn}'`,
      $metadata: { httpStatusCode: 400 },
    });
    releaseHold();
    await waitForEnd(first.executionArn!);
    const afterClose = outcome(
      client.send(new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'same', input })),
    );

    // Assess
    expect(again).toEqual({ ...first, $metadata: expect.anything() });
    expect(again.startDate).toEqual(first.startDate);
    expect(await afterClose).toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(invocations.filter((call) => call.name === 'hold')).toHaveLength(1);
  });

  it('stops a running execution with the error and cause given', async () => {
    // Prepare
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'stop-1' }),
    );

    // Act
    const stopped = await client.send(
      new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by the test' }),
    );
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    const events = await history(executionArn!);

    // Assess
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'by the test' });
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Cancelled', cause: 'by the test' },
    });
  });

  it('answers GetExecutionHistory with Step Functions event types, in order, paged', async () => {
    // Prepare
    behaviours['export-prepare'] = async () => ({ batchCount: 0 });
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: arnOf('saga'),
        name: 'history-1',
        input: JSON.stringify(sagaInput),
      }),
    );
    await waitForEnd(executionArn!);

    // Act
    const events = await history(executionArn!);
    const firstPage = await client.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 3, reverseOrder: true }),
    );

    // Assess
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({
      previousEventId: 0,
      executionStartedEventDetails: { input: JSON.stringify(sagaInput) },
    });
    expect(events[0]!.timestamp).toBeInstanceOf(Date);
    expect(events[1]!.stateEnteredEventDetails).toMatchObject({ name: 'PrepareExport' });
    expect(firstPage.events?.map((event) => event.type)).toEqual([
      'ExecutionSucceeded',
      'SucceedStateExited',
      'SucceedStateEntered',
    ]);
    expect(firstPage.nextToken).toEqual(expect.any(String));
  });

  it('lists executions by state machine and status, newest first', async () => {
    // Prepare
    const names = ['list-1', 'list-2'];
    for (const name of names) {
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn: arnOf('context'), name }),
      );
      await waitForEnd(executionArn!);
    }

    // Act
    const succeeded = await client.send(
      new ListExecutionsCommand({ stateMachineArn: arnOf('context'), statusFilter: 'SUCCEEDED' }),
    );
    const failed = await client.send(
      new ListExecutionsCommand({ stateMachineArn: arnOf('context'), statusFilter: 'FAILED' }),
    );

    // Assess
    expect(succeeded.executions?.map((execution) => execution.name)).toEqual(['list-2', 'list-1', 'ctx-1']);
    expect(succeeded.executions?.[0]).toMatchObject({
      stateMachineArn: arnOf('context'),
      status: 'SUCCEEDED',
    });
    expect(failed.executions).toEqual([]);
  });

  it('describes a state machine with the definition it runs', async () => {
    // Act
    const machine = await client.send(new DescribeStateMachineCommand({ stateMachineArn: arnOf('saga') }));

    // Assess
    expect(machine).toMatchObject({
      stateMachineArn: arnOf('saga'),
      name: 'saga',
      status: 'ACTIVE',
      type: 'STANDARD',
    });
    expect(JSON.parse(machine.definition!)).toEqual(sagaDefinition);
  });

  it('answers with the errors of Step Functions', async () => {
    // Act
    const missingExecution = outcome(
      client.send(
        new DescribeExecutionCommand({
          executionArn: `arn:aws:states:${region}:000000000000:execution:saga:nope`,
        }),
      ),
    );
    const missingMachine = outcome(
      client.send(new StartExecutionCommand({ stateMachineArn: arnOf('nope') })),
    );
    const badInput = outcome(
      client.send(new StartExecutionCommand({ stateMachineArn: arnOf('saga'), input: '{not json' })),
    );
    const badName = outcome(
      client.send(new StartExecutionCommand({ stateMachineArn: arnOf('saga'), name: 'has space' })),
    );
    const badArn = outcome(client.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' })));

    // Assess
    expect(await missingExecution).toMatchObject({
      name: 'ExecutionDoesNotExist',
      $metadata: { httpStatusCode: 400 },
    });
    expect(await missingMachine).toMatchObject({ name: 'StateMachineDoesNotExist' });
    expect(await badInput).toMatchObject({ name: 'InvalidExecutionInput' });
    expect(await badName).toMatchObject({ name: 'InvalidName' });
    expect(await badArn).toMatchObject({ name: 'InvalidArn' });
  });
});

describe('startStepFunctions', () => {
  it('refuses a definition with a Task it cannot run locally', async () => {
    // Prepare
    const definition = {
      StartAt: 'Send',
      States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
    };

    // Act
    const starting = outcome(
      startStepFunctions({ port: 0, stateMachineName: 'bad', definition, invokeFunction }),
    );

    // Assess
    expect(await starting).toMatchObject({
      message: expect.stringMatching(/Send: Resource arn:aws:states:::sns:publish is not a Lambda function/),
    });
  });

  it('keeps finished executions in its file, and starts again from the beginning the ones a stop interrupted', async () => {
    // Prepare
    const folder = mkdtempSync(join(tmpdir(), 'faktura-sfn-'));
    const file = join(folder, 'step-functions.json');
    const options = {
      port: 0,
      region,
      stateMachines: [
        { name: 'context', definition: contextDefinition },
        { name: 'hold', definition: holdDefinition },
      ],
      invokeFunction,
      file,
    };
    const first = await startStepFunctions(options);
    const firstClient = new SFNClient({
      endpoint: first.endpoint,
      region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const done = await firstClient.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('context'), name: 'kept' }),
    );
    for (;;) {
      const { status } = await firstClient.send(
        new DescribeExecutionCommand({ executionArn: done.executionArn }),
      );
      if (status !== 'RUNNING') break;
    }
    const held = await firstClient.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'cut', input: '{"job":7}' }),
    );
    await eventually(() => invocations.some((call) => call.name === 'hold'));
    firstClient.destroy();

    // Act
    await first.stop();
    const second = await startStepFunctions(options);
    const secondClient = new SFNClient({
      endpoint: second.endpoint,
      region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    try {
      const kept = await secondClient.send(new DescribeExecutionCommand({ executionArn: done.executionArn }));
      const reused = outcome(
        secondClient.send(new StartExecutionCommand({ stateMachineArn: arnOf('context'), name: 'kept' })),
      );
      await eventually(() => invocations.filter((call) => call.name === 'hold').length === 2);
      const resumed = await secondClient.send(
        new DescribeExecutionCommand({ executionArn: held.executionArn }),
      );
      releaseHold();
      const finished = await eventually(async () => {
        const execution = await secondClient.send(
          new DescribeExecutionCommand({ executionArn: held.executionArn }),
        );
        return execution.status === 'RUNNING' ? undefined : execution;
      });
      const { events = [] } = await secondClient.send(
        new GetExecutionHistoryCommand({ executionArn: held.executionArn, maxResults: 1000 }),
      );

      // Assess: finished is kept; interrupted is run again, same name and input, from its first state
      expect(kept.status).toBe('SUCCEEDED');
      expect(JSON.parse(kept.output!)).toMatchObject({ statusCode: 200 });
      expect(await reused).toMatchObject({ name: 'ExecutionAlreadyExists' });
      expect(resumed).toMatchObject({ status: 'RUNNING', name: 'cut', input: '{"job":7}', redriveCount: 1 });
      expect(resumed.redriveDate).toBeInstanceOf(Date);
      expect(invocations.filter((call) => call.name === 'hold').map((call) => call.payload)).toEqual([
        { job: 7 },
        { job: 7 },
      ]);
      expect(finished).toMatchObject({ status: 'SUCCEEDED', output: '{"released":true}' });
      const types = events.map((event) => event.type);
      expect(types[0]).toBe('ExecutionStarted');
      expect(types.filter((type) => type === 'ExecutionStarted')).toHaveLength(1);
      expect(types.slice(types.indexOf('ExecutionAborted'))).toEqual([
        'ExecutionAborted',
        'ExecutionRedriven',
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
        'ExecutionSucceeded',
      ]);
      expect(
        events.find((event) => event.type === 'ExecutionAborted')?.executionAbortedEventDetails,
      ).toMatchObject({ error: 'Local.Interrupted' });
      expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      secondClient.destroy();
      await second.stop();
      releaseHold();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('starts an execution that was running when the process died again, with its name and input, when asked to', async () => {
    // Prepare: the file as a killed process leaves it, the execution still RUNNING
    const folder = mkdtempSync(join(tmpdir(), 'faktura-sfn-'));
    const file = join(folder, 'step-functions.json');
    const executionArn = `arn:aws:states:${region}:000000000000:execution:hold:crashed`;
    const started = { id: 1, previousEventId: 0, timestamp: 1_700_000_000_000, type: 'ExecutionStarted' };
    const record = {
      executionArn,
      stateMachineArn: arnOf('hold'),
      name: 'crashed',
      status: 'RUNNING',
      input: '{"job":8}',
      startDate: 1_700_000_000_000,
      events: [started],
    };
    writeFileSync(file, JSON.stringify({ version: 1, executions: [record] }));

    // Act
    const restarted = await startStepFunctions({
      port: 0,
      region,
      stateMachines: [{ name: 'hold', definition: holdDefinition }],
      invokeFunction,
      file,
      resumeInterrupted: 'on-call',
    });
    const sfn = new SFNClient({
      endpoint: restarted.endpoint,
      region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    try {
      const waiting = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const invokedBefore = invocations.length;
      const resumed = restarted.resumeInterrupted();
      const again = restarted.resumeInterrupted();
      await eventually(() => invocations.some((call) => call.name === 'hold'));
      releaseHold();
      const finished = await eventually(async () => {
        const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        return execution.status === 'RUNNING' ? undefined : execution;
      });
      const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));

      // Assess
      expect(waiting).toMatchObject({ status: 'RUNNING', redriveCount: 0 });
      expect(invokedBefore).toBe(0);
      expect(resumed).toEqual([executionArn]);
      expect(again).toEqual([]);
      expect(invocations.map((call) => call.payload)).toEqual([{ job: 8 }]);
      expect(finished).toMatchObject({
        status: 'SUCCEEDED',
        name: 'crashed',
        input: '{"job":8}',
        redriveCount: 1,
        startDate: new Date(1_700_000_000_000),
      });
      expect(events.slice(0, 2)).toMatchObject([
        { type: 'ExecutionStarted', id: 1 },
        {
          type: 'ExecutionRedriven',
          id: 2,
          previousEventId: 1,
          executionRedrivenEventDetails: { redriveCount: 1 },
        },
      ]);
      expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    } finally {
      sfn.destroy();
      await restarted.stop();
      releaseHold();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads an interrupted execution whose state machine is gone back as ABORTED (Local.Interrupted)', async () => {
    // Prepare
    const folder = mkdtempSync(join(tmpdir(), 'faktura-sfn-'));
    const file = join(folder, 'step-functions.json');
    const executionArn = `arn:aws:states:${region}:000000000000:execution:retired:crashed`;
    const record = {
      executionArn,
      stateMachineArn: arnOf('retired'),
      name: 'crashed',
      status: 'RUNNING',
      input: '{}',
      startDate: 1_700_000_000_000,
      events: [{ id: 1, previousEventId: 0, timestamp: 1_700_000_000_000, type: 'ExecutionStarted' }],
    };
    writeFileSync(file, JSON.stringify({ version: 1, executions: [record] }));

    // Act
    const restarted = await startStepFunctions({
      port: 0,
      region,
      stateMachines: [{ name: 'hold', definition: holdDefinition }],
      invokeFunction,
      file,
    });
    const sfn = new SFNClient({
      endpoint: restarted.endpoint,
      region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    try {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));

      // Assess
      expect(execution).toMatchObject({
        status: 'ABORTED',
        error: 'Local.Interrupted',
        cause: expect.stringMatching(/state machine is no longer defined/),
      });
      expect(execution.stopDate).toEqual(new Date(1_700_000_000_000));
      expect(events.map((event) => event.type)).toEqual(['ExecutionStarted', 'ExecutionAborted']);
      expect(invocations).toEqual([]);
    } finally {
      sfn.destroy();
      await restarted.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** Polls `check` until it answers something truthy (or the timeout). */
const eventually = async <T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<NonNullable<T>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
