import { describe, expect, it } from 'vitest';
import {
  functionNameFromArn,
  HistoryRecorder,
  type InterpreterEvent,
  maxTimerSeconds,
  prepareDefinition,
  taskBindings,
} from '../../src/services/step-functions-definition.ts';

const fn = (name: string) => `arn:aws:lambda:local:000000000000:function:${name}`;

const definition = {
  StartAt: 'Prepare',
  States: {
    Prepare: {
      Type: 'Task',
      Resource: fn('export-prepare'),
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxDelaySeconds: 30, BackoffRate: 2 }],
      Next: 'Batches',
    },
    Batches: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Batch',
        States: {
          Batch: {
            Type: 'Task',
            Resource: fn('export-batch'),
            TimeoutSeconds: 360,
            Retry: [{ ErrorEquals: ['X'] }],
            End: true,
          },
        },
      },
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Notify',
          States: { Notify: { Type: 'Task', Resource: `${fn('export-notify')}:live`, End: true } },
        },
        {
          StartAt: 'Invoke',
          States: {
            Invoke: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: fn('export-finalize'), 'Payload.$': '$' },
              End: true,
            },
          },
        },
      ],
      End: true,
    },
  },
};

describe('taskBindings', () => {
  it('finds every Task, in Map item processors and Parallel branches too, with the function it calls', () => {
    // Act
    const bindings = taskBindings(definition);

    // Assess
    expect([...bindings.values()]).toEqual([
      {
        kind: 'lambda',
        stateName: 'Prepare',
        resource: fn('export-prepare'),
        functionName: 'export-prepare',
      },
      { kind: 'lambda', stateName: 'Batch', resource: fn('export-batch'), functionName: 'export-batch' },
      {
        kind: 'lambda',
        stateName: 'Notify',
        resource: `${fn('export-notify')}:live`,
        functionName: 'export-notify',
      },
      {
        kind: 'lambda-invoke',
        stateName: 'Invoke',
        resource: 'arn:aws:states:::lambda:invoke',
        functionName: 'export-finalize',
      },
    ]);
  });

  it('refuses what the local interpreter cannot run, naming every problem', () => {
    // Prepare
    const unsupported = {
      StartAt: 'Send',
      States: {
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Next: 'Wait' },
        Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Next: 'Big' },
        Big: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED' },
            StartAt: 'Send',
            States: { Send: { Type: 'Pass', End: true } },
          },
          Assign: { x: 1 },
          End: true,
        },
      },
    };

    // Act & Assess
    expect(() => taskBindings(unsupported)).toThrow(
      [
        'The state machine definition cannot run locally:',
        '- Send: Resource arn:aws:states:::sns:publish is not a Lambda function, startExecution.sync:2 or sqs:sendMessage (what the local runtime runs)',
        '- Wait: Resource arn:aws:states:::lambda:invoke.waitForTaskToken is not a Lambda function, startExecution.sync:2 or sqs:sendMessage (what the local runtime runs)',
        '- Big: Assign (variables) is not supported locally',
        '- Big: a Distributed Map is not supported locally',
        '- state name "Send" is used more than once',
      ].join('\n'),
    );
  });
});

describe('functionNameFromArn', () => {
  it('reads names, qualified names, full and partial ARNs', () => {
    expect(functionNameFromArn('export-batch')).toBe('export-batch');
    expect(functionNameFromArn('export-batch:live')).toBe('export-batch');
    expect(functionNameFromArn(fn('export-batch'))).toBe('export-batch');
    expect(functionNameFromArn(`${fn('export-batch')}:3`)).toBe('export-batch');
    expect(functionNameFromArn('123456789012:function:export-batch')).toBe('export-batch');
  });
});

describe('prepareDefinition', () => {
  it('gives Tasks without a timeout the longest a timer holds, and scales retry intervals', () => {
    // Act
    const prepared = prepareDefinition(
      { ...definition, TimeoutSeconds: 99_999_999 },
      { retryIntervalScale: 0.01 },
    );

    // Assess
    expect(prepared.TimeoutSeconds).toBe(maxTimerSeconds);
    expect(prepared.States.Prepare.TimeoutSeconds).toBe(maxTimerSeconds);
    expect(prepared.States.Prepare.Retry).toEqual([
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 0.02, MaxDelaySeconds: 0.3, BackoffRate: 2 },
    ]);
    expect(prepared.States.Batches.ItemProcessor.States.Batch.TimeoutSeconds).toBe(360);
    expect(prepared.States.Batches.ItemProcessor.States.Batch.Retry).toEqual([
      { ErrorEquals: ['X'], IntervalSeconds: 0.01 },
    ]);
    expect(definition.States.Prepare.Retry[0]!.IntervalSeconds).toBe(2);
    expect(definition.States.Prepare).not.toHaveProperty('TimeoutSeconds');
  });

  it('keeps the retry intervals without a scale, and refuses a negative one', () => {
    expect(prepareDefinition(definition).States.Prepare.Retry[0].IntervalSeconds).toBe(2);
    expect(() => prepareDefinition(definition, { retryIntervalScale: -1 })).toThrow(
      'retryIntervalScale must be a number ≥ 0',
    );
  });
});

describe('HistoryRecorder', () => {
  const state = (name: string, type: string, extra: object = {}) => ({
    state: { name, type, input: { in: name } },
    ...extra,
  });

  it('turns interpreter events into Step Functions history events, one Lambda round per attempt', () => {
    // Prepare
    const recorder = new HistoryRecorder(taskBindings(definition), 'arn:aws:iam::000000000000:role/r');
    const events = [
      { type: 'ExecutionStarted', timestamp: 1000, input: { exportId: 'e1' } },
      { type: 'StateEntered', timestamp: 1001, ...state('Prepare', 'Task') },
      {
        type: 'StateFailed',
        timestamp: 1002,
        ...state('Prepare', 'Task'),
        Error: 'AccountingThrottled',
        Cause: '{"errorType":"AccountingThrottled"}',
      },
      {
        type: 'StateRetried',
        timestamp: 1003,
        ...state('Prepare', 'Task'),
        retry: { retrier: {}, attempt: 1 },
      },
      {
        type: 'StateExited',
        timestamp: 1004,
        state: { name: 'Prepare', type: 'Task', input: {}, output: { batchCount: 1 } },
      },
      { type: 'StateEntered', timestamp: 1005, ...state('Batches', 'Map') },
      {
        type: 'MapIterationStarted',
        timestamp: 1006,
        index: 0,
        parentState: { name: 'Batches', type: 'Map', input: {} },
      },
      { type: 'StateEntered', timestamp: 1007, index: 0, ...state('Batch', 'Task') },
      {
        type: 'StateFailed',
        timestamp: 1008,
        index: 0,
        ...state('Batch', 'Task'),
        Error: 'States.Timeout',
        Cause: 'late',
      },
      {
        type: 'MapIterationFailed',
        timestamp: 1009,
        index: 0,
        parentState: { name: 'Batches', type: 'Map', input: {} },
        Error: 'States.Timeout',
        Cause: 'late',
      },
      {
        type: 'StateFailed',
        timestamp: 1010,
        ...state('Batches', 'Map'),
        Error: 'States.Timeout',
        Cause: 'late',
      },
      { type: 'StateCaught', timestamp: 1011, ...state('Batches', 'Map'), catch: { catcher: {} } },
      {
        type: 'StateExited',
        timestamp: 1012,
        state: { name: 'Batches', type: 'Map', input: {}, output: { failed: true } },
      },
      { type: 'StateEntered', timestamp: 1013, ...state('Invoke', 'Task') },
      { type: 'StateExited', timestamp: 1014, state: { name: 'Invoke', type: 'Task', input: {}, output: 1 } },
      {
        type: 'ParallelBranchStarted',
        timestamp: 1015,
        parentState: { name: 'Both', type: 'Parallel', input: {} },
      },
      { type: 'ExecutionFailed', timestamp: 1016, Error: 'ExportFailed', Cause: 'compensated' },
    ] as unknown as InterpreterEvent[];

    // Act
    for (const event of events) recorder.record(event);

    // Assess
    expect(recorder.events.map((event) => [event.id, event.previousEventId, event.type])).toEqual(
      [
        'ExecutionStarted',
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionFailed',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
        'MapStateEntered',
        'MapStateStarted',
        'MapIterationStarted',
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionTimedOut',
        'MapIterationFailed',
        'MapStateFailed',
        'MapStateExited',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskSucceeded',
        'TaskStateExited',
        'ExecutionFailed',
      ].map((type, i) => [i + 1, i, type]),
    );
    expect(recorder.events[0]).toEqual({
      id: 1,
      previousEventId: 0,
      timestamp: 1000,
      type: 'ExecutionStarted',
      executionStartedEventDetails: {
        input: '{"exportId":"e1"}',
        inputDetails: { truncated: false },
        roleArn: 'arn:aws:iam::000000000000:role/r',
      },
    });
    expect(recorder.events[2]).toMatchObject({
      lambdaFunctionScheduledEventDetails: { resource: fn('export-prepare'), input: '{"in":"Prepare"}' },
    });
    expect(recorder.events[4]).toMatchObject({
      lambdaFunctionFailedEventDetails: {
        error: 'AccountingThrottled',
        cause: '{"errorType":"AccountingThrottled"}',
      },
    });
    expect(recorder.events[11]).toMatchObject({
      mapIterationStartedEventDetails: { name: 'Batches', index: 0 },
    });
    expect(recorder.events[24]).toMatchObject({
      executionFailedEventDetails: { error: 'ExportFailed', cause: 'compensated' },
    });
  });
});

describe('child executions (startExecution.sync:2)', () => {
  const parent = {
    StartAt: 'Child',
    States: {
      Child: {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution.sync:2',
        Parameters: { StateMachineArn: 'arn:aws:states:local:000000000000:stateMachine:child', Input: {} },
        End: true,
      },
    },
  };

  it('binds the Task, and refuses one without a state machine or another .sync', () => {
    // Prepare
    const without = {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', End: true },
      },
    };

    // Act
    const bindings = taskBindings(parent);

    // Assess
    expect([...bindings.values()]).toEqual([
      { kind: 'start-execution', stateName: 'Child', resource: parent.States.Child.Resource },
    ]);
    expect(() => taskBindings(without)).toThrow(
      [
        'The state machine definition cannot run locally:',
        '- A: startExecution without Parameters.StateMachineArn',
        '- B: Resource arn:aws:states:::states:startExecution.sync is not a Lambda function, startExecution.sync:2 or sqs:sendMessage (what the local runtime runs)',
      ].join('\n'),
    );
  });

  it('records the Task as Step Functions does a job: scheduled, started, submitted, then its end', () => {
    // Prepare
    const recorder = new HistoryRecorder(taskBindings(parent), 'arn:aws:iam::000000000000:role/r');
    const child = { state: { name: 'Child', type: 'Task', input: { in: 1 } } };

    // Act
    recorder.record({ type: 'StateEntered', timestamp: 1, ...child } as unknown as InterpreterEvent);
    recorder.record({
      type: 'StateExited',
      timestamp: 2,
      state: { ...child.state, output: { Status: 'SUCCEEDED' } },
    } as unknown as InterpreterEvent);

    // Assess
    expect(recorder.events.map((event) => event.type)).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
    ]);
    expect(recorder.events[1]).toMatchObject({
      taskScheduledEventDetails: { resourceType: 'states', resource: 'startExecution.sync:2' },
    });
  });
});

describe('SQS messages (sqs:sendMessage)', () => {
  const sender = {
    StartAt: 'Queue',
    States: {
      Queue: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: { QueueUrl: 'http://127.0.0.1:1/000000000000/q.fifo', 'MessageBody.$': '$.body' },
        End: true,
      },
    },
  };

  it('binds the Task, and refuses one without a queue or a body', () => {
    // Prepare
    const without = {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: {}, End: true },
      },
    };

    // Act
    const bindings = taskBindings(sender);

    // Assess
    expect([...bindings.values()]).toEqual([
      { kind: 'sqs-send-message', stateName: 'Queue', resource: sender.States.Queue.Resource },
    ]);
    expect(() => taskBindings(without)).toThrow(
      [
        'The state machine definition cannot run locally:',
        '- A: sqs:sendMessage without Parameters.QueueUrl',
        '- A: sqs:sendMessage without Parameters.MessageBody',
      ].join('\n'),
    );
  });

  it('records the Task as Step Functions does a request: scheduled, started, then its end', () => {
    // Prepare
    const recorder = new HistoryRecorder(taskBindings(sender), 'arn:aws:iam::000000000000:role/r');
    const queue = { state: { name: 'Queue', type: 'Task', input: { QueueUrl: 'q', MessageBody: 'm' } } };

    // Act
    recorder.record({ type: 'StateEntered', timestamp: 1, ...queue } as unknown as InterpreterEvent);
    recorder.record({
      type: 'StateExited',
      timestamp: 2,
      state: { ...queue.state, output: { MessageId: 'id' } },
    } as unknown as InterpreterEvent);

    // Assess
    expect(recorder.events.map((event) => event.type)).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
    ]);
    expect(recorder.events[1]).toMatchObject({
      taskScheduledEventDetails: { resourceType: 'sqs', resource: 'sendMessage' },
    });
  });
});
