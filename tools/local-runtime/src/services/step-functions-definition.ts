import type { StateMachine } from 'aws-local-stepfunctions';

/**
 * What the Step Functions shim needs to know about a definition before it runs it: which function
 * each Task state calls, and a copy of the definition adjusted to what the interpreter can time
 * (Task timeouts) and to the caller's retry pace. Pure functions, no I/O.
 */

// biome-ignore lint/suspicious/noExplicitAny: an ASL definition is free-form JSON, walked here by its documented fields.
export type Definition = Record<string, any>;

/** A Task state and the Lambda function it calls. */
export type TaskBinding =
  /** `Resource: arn:aws:lambda:<region>:<account>:function:<name>`: the state's input is the payload, the result its output. */
  | {
      readonly kind: 'lambda';
      readonly stateName: string;
      readonly resource: string;
      readonly functionName: string;
    }
  /**
   * `Resource: arn:aws:states:::lambda:invoke`: the input is `{ FunctionName, Payload }`, the output
   * `{ Payload, StatusCode, … }`. `functionName` when `Parameters.FunctionName` is a literal.
   */
  | {
      readonly kind: 'lambda-invoke';
      readonly stateName: string;
      readonly resource: string;
      readonly functionName?: string;
    }
  /**
   * `Resource: arn:aws:states:::states:startExecution.sync:2`: the input is `{ StateMachineArn,
   * Input, Name? }`; the Task starts a child execution of another state machine of the same runtime
   * and waits for it (Step Functions' "run a job" pattern, with the child's output as JSON).
   */
  | {
      readonly kind: 'start-execution';
      readonly stateName: string;
      readonly resource: string;
    }
  /**
   * `Resource: arn:aws:states:::sqs:sendMessage`: the input is SendMessage's parameters
   * (`QueueUrl`, `MessageBody`, …), the output SQS's answer (`MessageId`, …); request-response, as
   * the monthly close queues its automatic exports.
   */
  | {
      readonly kind: 'sqs-send-message';
      readonly stateName: string;
      readonly resource: string;
    };

const lambdaArn = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;
/** StartExecution, run as a job whose output is JSON (`.sync:2`): the one `.sync` integration run locally. */
const startExecutionSync = /^arn:aws[a-z-]*:states:::states:startExecution\.sync:2$/;
/** SQS SendMessage, request-response: the one other service integration run locally. */
const sqsSendMessage = /^arn:aws[a-z-]*:states:::sqs:sendMessage$/;

/** `my-function` from a function name, a `name:qualifier`, a full or a partial function ARN. */
export const functionNameFromArn = (nameOrArn: string): string => {
  const match = lambdaArn.exec(nameOrArn);
  if (match) return match[1]!;
  const parts = nameOrArn.split(':');
  // "123456789012:function:name[:qualifier]"
  if (parts.length >= 3 && parts[1] === 'function') return parts[2]!;
  return parts[0]!;
};

/** Calls `visit` for every state, including those of Map item processors and Parallel branches. */
export const forEachState = (
  definition: Definition,
  visit: (name: string, state: Definition) => void,
): void => {
  for (const [name, state] of Object.entries((definition.States ?? {}) as Record<string, Definition>)) {
    visit(name, state);
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) forEachState(processor, visit);
    }
    if (state.Type === 'Parallel') {
      for (const branch of (state.Branches ?? []) as Definition[]) forEachState(branch, visit);
    }
  }
};

/**
 * Every Task state of the definition, with the function it calls. The interpreter keys its local
 * handlers by state name, so state names must be unique across the whole definition (Step
 * Functions requires that too). Besides Lambda, a Task may start a child execution and wait for it
 * (`states:startExecution.sync:2`) or send an SQS message (`sqs:sendMessage`). A Task the local
 * runtime cannot run (another service integration, `.waitForTaskToken`, another `.sync`), a Distributed Map, or a JSONata state is refused here, at start,
 * rather than failing an execution later (the interpreter would call real AWS for an unhandled Task).
 */
export const taskBindings = (definition: Definition): Map<string, TaskBinding> => {
  const bindings = new Map<string, TaskBinding>();
  const seen = new Set<string>();
  const problems: string[] = [];
  if (definition.QueryLanguage === 'JSONata')
    problems.push('the definition uses JSONata; the local interpreter runs JSONPath only');
  forEachState(definition, (stateName, state) => {
    if (seen.has(stateName)) problems.push(`state name "${stateName}" is used more than once`);
    seen.add(stateName);
    if (state.QueryLanguage === 'JSONata') problems.push(`${stateName}: JSONata is not supported locally`);
    if (state.Assign !== undefined)
      problems.push(`${stateName}: Assign (variables) is not supported locally`);
    if (state.Type === 'Map' && state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      problems.push(`${stateName}: a Distributed Map is not supported locally`);
    }
    if (state.Type !== 'Task') return;
    const resource = String(state.Resource);
    const direct = lambdaArn.exec(resource);
    if (direct) {
      bindings.set(stateName, { kind: 'lambda', stateName, resource, functionName: direct[1]! });
    } else if (startExecutionSync.test(resource)) {
      if (
        typeof state.Parameters?.StateMachineArn !== 'string' &&
        typeof state.Parameters?.['StateMachineArn.$'] !== 'string'
      )
        problems.push(`${stateName}: startExecution without Parameters.StateMachineArn`);
      bindings.set(stateName, { kind: 'start-execution', stateName, resource });
    } else if (sqsSendMessage.test(resource)) {
      for (const parameter of ['QueueUrl', 'MessageBody'])
        if (state.Parameters?.[parameter] === undefined && state.Parameters?.[`${parameter}.$`] === undefined)
          problems.push(`${stateName}: sqs:sendMessage without Parameters.${parameter}`);
      bindings.set(stateName, { kind: 'sqs-send-message', stateName, resource });
    } else if (resource === 'arn:aws:states:::lambda:invoke') {
      const literal = state.Parameters?.FunctionName;
      const dynamic = state.Parameters?.['FunctionName.$'];
      if (typeof literal !== 'string' && typeof dynamic !== 'string') {
        problems.push(`${stateName}: lambda:invoke without Parameters.FunctionName`);
      }
      bindings.set(stateName, {
        kind: 'lambda-invoke',
        stateName,
        resource,
        ...(typeof literal === 'string' ? { functionName: functionNameFromArn(literal) } : {}),
      });
    } else {
      problems.push(
        `${stateName}: Resource ${resource} is not a Lambda function, startExecution.sync:2 or sqs:sendMessage (what the local runtime runs)`,
      );
    }
  });
  if (problems.length > 0)
    throw new Error(`The state machine definition cannot run locally:\n- ${problems.join('\n- ')}`);
  return bindings;
};

/** The longest timer Node.js keeps (2^31 − 1 ms); longer ones fire at once. */
export const maxTimerSeconds = 2_147_483;

export interface PrepareOptions {
  /**
   * Multiplies every retrier's `IntervalSeconds` (default 1) and `MaxDelaySeconds`, keeping
   * `BackoffRate` and `JitterStrategy`: 0 retries at once, 0.01 makes 2 s into 20 ms.
   */
  readonly retryIntervalScale?: number;
}

/**
 * A copy of the definition for the interpreter:
 * - a Task without a timeout gets the longest one a timer can have (Step Functions' default is
 *   99999999 s; the interpreter's would be 60 s, which a Lambda allowed 300 s would hit), and
 *   timeouts longer than a timer can hold are capped (they would fire immediately otherwise);
 * - with `retryIntervalScale`, the retry intervals are scaled.
 */
export const prepareDefinition = (definition: Definition, options: PrepareOptions = {}): Definition => {
  const copy = structuredClone(definition);
  const scale = options.retryIntervalScale;
  if (scale !== undefined && (!Number.isFinite(scale) || scale < 0)) {
    throw new Error(`retryIntervalScale must be a number ≥ 0, got ${scale}`);
  }
  const cap = (state: Definition) => {
    if (typeof state.TimeoutSeconds === 'number')
      state.TimeoutSeconds = Math.min(state.TimeoutSeconds, maxTimerSeconds);
  };
  cap(copy);
  forEachState(copy, (_name, state) => {
    if (state.Type === 'Task') {
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined)
        state.TimeoutSeconds = maxTimerSeconds;
      cap(state);
    }
    if (scale !== undefined && Array.isArray(state.Retry)) {
      for (const retrier of state.Retry as Definition[]) {
        retrier.IntervalSeconds = (retrier.IntervalSeconds ?? 1) * scale;
        if (typeof retrier.MaxDelaySeconds === 'number') retrier.MaxDelaySeconds *= scale;
      }
    }
  });
  return copy;
};

/* Execution history: the interpreter's event log, as Step Functions' GetExecutionHistory events. */

type RunResult = ReturnType<StateMachine['run']>;
export type InterpreterEvent = RunResult['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** The `resourceType` and `resource` of a service-integration Task's events. */
const taskResource = (task: TaskBinding): { resourceType: string; resource: string } => {
  if (task.kind === 'start-execution') return { resourceType: 'states', resource: 'startExecution.sync:2' };
  if (task.kind === 'sqs-send-message') return { resourceType: 'sqs', resource: 'sendMessage' };
  return { resourceType: 'lambda', resource: 'invoke' };
};

const json = (value: unknown): string => JSON.stringify(value ?? null);
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));
const untruncated = { truncated: false };

/**
 * Turns the interpreter's events into Step Functions history events as they arrive: each state
 * entered and exited (`TaskStateEntered`, `MapStateExited`, …), Map iterations, and for each Lambda
 * Task the `LambdaFunctionScheduled` / `Started` / `Succeeded` / `Failed` / `TimedOut` events
 * (`TaskScheduled`, … for `lambda:invoke`; with `TaskSubmitted` for `startExecution.sync:2`), one
 * round per attempt, so that the events count as
 * they would in AWS for the same run. Approximations: the interpreter reports a Task's state input
 * and state output, not the Lambda payload and result, so those are what the Lambda events carry;
 * `MapStateStarted` has no `length`; `previousEventId` is the event before. Parallel branches have
 * no events of their own (as in AWS).
 */
export class HistoryRecorder {
  public readonly events: HistoryEvent[];
  /** States whose error was caught: their `StateExited` is not a success. */
  readonly #caught = new Set<string>();
  /** Set when this run resumes an interrupted execution. */
  readonly #redriveCount: number | undefined;
  /** Set by StopExecution before aborting, for the ExecutionAborted event. */
  public abortDetails: { error?: string; cause?: string } = {};

  public constructor(
    private readonly tasks: ReadonlyMap<string, TaskBinding>,
    private readonly roleArn: string,
    /**
     * A run that starts an interrupted execution again: its history so far, which this run
     * continues, and its redrive count (1 the first time). Its start is recorded as
     * `ExecutionRedriven`, as AWS records a redrive, not as a second `ExecutionStarted`.
     */
    resumed?: { readonly events: readonly HistoryEvent[]; readonly redriveCount: number },
  ) {
    this.events = [...(resumed?.events ?? [])];
    this.#redriveCount = resumed?.redriveCount;
  }

  #push(timestamp: number, type: string, details: Record<string, unknown> = {}): void {
    const id = this.events.length + 1;
    this.events.push({ timestamp, type, id, previousEventId: id - 1, ...details });
  }

  #scheduled(timestamp: number, name: string, input: unknown): void {
    const task = this.tasks.get(name);
    if (!task) return;
    if (task.kind === 'lambda') {
      this.#push(timestamp, 'LambdaFunctionScheduled', {
        lambdaFunctionScheduledEventDetails: {
          resource: task.resource,
          input: json(input),
          inputDetails: untruncated,
        },
      });
      this.#push(timestamp, 'LambdaFunctionStarted');
    } else {
      const common = taskResource(task);
      this.#push(timestamp, 'TaskScheduled', {
        taskScheduledEventDetails: { ...common, region: '', parameters: json(input) },
      });
      this.#push(timestamp, 'TaskStarted', { taskStartedEventDetails: common });
      // A job (.sync) is submitted once started; the child's end is its TaskSucceeded or TaskFailed.
      if (task.kind === 'start-execution')
        this.#push(timestamp, 'TaskSubmitted', { taskSubmittedEventDetails: { ...common, output: '{}' } });
    }
  }

  #taskEnded(
    timestamp: number,
    name: string,
    outcome: { output: unknown } | { error: string; cause: unknown },
  ): void {
    const task = this.tasks.get(name);
    if (!task) return;
    const failed = 'error' in outcome;
    const timedOut = failed && outcome.error === 'States.Timeout';
    if (task.kind === 'lambda') {
      if (!failed) {
        this.#push(timestamp, 'LambdaFunctionSucceeded', {
          lambdaFunctionSucceededEventDetails: { output: json(outcome.output), outputDetails: untruncated },
        });
      } else {
        const type = timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed';
        const key = timedOut ? 'lambdaFunctionTimedOutEventDetails' : 'lambdaFunctionFailedEventDetails';
        this.#push(timestamp, type, { [key]: { error: outcome.error, cause: text(outcome.cause) } });
      }
      return;
    }
    const common = taskResource(task);
    if (!failed) {
      this.#push(timestamp, 'TaskSucceeded', {
        taskSucceededEventDetails: { ...common, output: json(outcome.output), outputDetails: untruncated },
      });
    } else {
      const type = timedOut ? 'TaskTimedOut' : 'TaskFailed';
      const key = timedOut ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails';
      this.#push(timestamp, type, { [key]: { ...common, error: outcome.error, cause: text(outcome.cause) } });
    }
  }

  public record(event: InterpreterEvent): void {
    const at = event.timestamp;
    switch (event.type) {
      case 'ExecutionStarted':
        if (this.#redriveCount !== undefined) {
          this.#push(at, 'ExecutionRedriven', {
            executionRedrivenEventDetails: { redriveCount: this.#redriveCount },
          });
          return;
        }
        this.#push(at, 'ExecutionStarted', {
          executionStartedEventDetails: {
            input: json(event.input),
            inputDetails: untruncated,
            roleArn: this.roleArn,
          },
        });
        return;
      case 'ExecutionSucceeded':
        this.#push(at, 'ExecutionSucceeded', {
          executionSucceededEventDetails: { output: json(event.output), outputDetails: untruncated },
        });
        return;
      case 'ExecutionFailed':
        this.#push(at, 'ExecutionFailed', {
          executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) },
        });
        return;
      case 'ExecutionAborted':
        this.#push(at, 'ExecutionAborted', { executionAbortedEventDetails: { ...this.abortDetails } });
        return;
      case 'ExecutionTimeout':
        this.#push(at, 'ExecutionTimedOut', {
          executionTimedOutEventDetails: {
            error: 'States.Timeout',
            cause: 'The execution ran longer than its TimeoutSeconds',
          },
        });
        return;
      case 'StateEntered': {
        const { name, type, input } = event.state;
        this.#push(at, `${type}StateEntered`, {
          stateEnteredEventDetails: { name, input: json(input), inputDetails: untruncated },
        });
        if (type === 'Task') this.#scheduled(at, name, input);
        if (type === 'Map') this.#push(at, 'MapStateStarted');
        if (type === 'Parallel') this.#push(at, 'ParallelStateStarted');
        return;
      }
      case 'StateExited': {
        const { name, type, output } = event.state;
        const caught = this.#caught.delete(`${name}#${event.index ?? ''}`);
        if (!caught) {
          if (type === 'Task') this.#taskEnded(at, name, { output });
          if (type === 'Map') this.#push(at, 'MapStateSucceeded');
          if (type === 'Parallel') this.#push(at, 'ParallelStateSucceeded');
        }
        this.#push(at, `${type}StateExited`, {
          stateExitedEventDetails: { name, output: json(output), outputDetails: untruncated },
        });
        return;
      }
      case 'StateFailed': {
        const { name, type } = event.state;
        if (type === 'Task') this.#taskEnded(at, name, { error: event.Error, cause: event.Cause });
        if (type === 'Map') this.#push(at, 'MapStateFailed');
        if (type === 'Parallel') this.#push(at, 'ParallelStateFailed');
        return;
      }
      case 'StateRetried':
        if (event.state.type === 'Task') this.#scheduled(at, event.state.name, event.state.input);
        if (event.state.type === 'Map') this.#push(at, 'MapStateStarted');
        if (event.state.type === 'Parallel') this.#push(at, 'ParallelStateStarted');
        return;
      case 'StateCaught':
        this.#caught.add(`${event.state.name}#${event.index ?? ''}`);
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `${event.type[0]!.toLowerCase()}${event.type.slice(1)}EventDetails`;
        this.#push(at, event.type, { [key]: { name: event.parentState.name, index: event.index } });
        return;
      }
      default:
        // ParallelBranchStarted/Succeeded/Failed: Step Functions has no such events.
        return;
    }
  }
}
