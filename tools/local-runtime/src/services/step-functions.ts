import { randomUUID } from 'node:crypto';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
} from 'aws-local-stepfunctions';
import {
  AwsServiceError,
  createJsonProtocolServer,
  decodeToken,
  encodeToken,
  epochSeconds,
  type JsonObject,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requiredString,
} from './aws-json-protocol.ts';
import { JsonFileWriter, readJsonFile } from './json-file.ts';
import {
  closeServer,
  defaultRegion,
  endpointFor,
  type LocalService,
  listen,
  localAccountId,
  once,
} from './local-service.ts';
import {
  type Definition,
  functionNameFromArn,
  type HistoryEvent,
  HistoryRecorder,
  prepareDefinition,
  type TaskBinding,
  taskBindings,
} from './step-functions-definition.ts';

/**
 * A local AWS Step Functions: the JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`)
 * for StartExecution, DescribeExecution, StopExecution, ListExecutions, GetExecutionHistory,
 * DescribeStateMachine, DescribeStateMachineForExecution and ListStateMachines, so that the
 * unmodified `@aws-sdk/client-sfn` drives it through `AWS_ENDPOINT_URL_SFN`. Executions run in
 * `aws-local-stepfunctions`, on the very definition CDK synthesizes; each Task state calls
 * `invokeFunction(<function name>, payload)` (the caller runs the handler with a Lambda context).
 *
 * As in AWS:
 * - StartExecution is idempotent by name while the execution runs: the same name and input answer
 *   the running execution; a different input, or any input once the execution has closed, is
 *   `ExecutionAlreadyExists`.
 * - A function error reaches the state machine under the thrown error's `name` (what Lambda's Node.js
 *   runtime reports as `errorType`), so Retry/Catch on e.g. `AccountingThrottled` match it; its
 *   cause is Lambda's error payload `{"errorType","errorMessage","trace"}` as a JSON string.
 * - A function result over 256 KiB fails the execution with `States.DataLimitExceeded`.
 * - A Task `arn:aws:states:::states:startExecution.sync:2` starts a child execution of another
 *   state machine of this runtime (its own history, listed like any other) and waits for it; the
 *   Task's result is the child's description with its output as JSON, and a child that fails fails
 *   the Task with `States.TaskFailed` (the monthly close runs its groups so). Not as in AWS: stopping
 *   the parent does not stop its children.
 * - A Task `arn:aws:states:::sqs:sendMessage` sends its parameters as one SQS message through
 *   `sendMessage` (the local runtime's SQS) and answers SQS's output; an SQS error fails it as
 *   `SQS.<error name>` (the monthly close queues its automatic exports so).
 * - Retry intervals, backoff and jitter are the definition's; `retryIntervalScale` shortens them
 *   for tests, `retryIntervalOverrides` sets them per state (the interpreter's own option).
 *
 * Not as in AWS: executions run in this process. With `file`, every execution record (input,
 * output, status, history) is written there, and an execution that was RUNNING when the process
 * stopped (Ctrl-C, or killed outright) is started again when the runtime next starts: same name,
 * same input, its history continued with an `ExecutionRedriven` event and its `redriveCount` raised.
 * AWS would carry on from the state that was interrupted (its executions do not stop with a host);
 * this runtime starts again FROM THE BEGINNING, because the interpreter cannot resume mid-way. That
 * is the stricter test of the steps' idempotency: every step an interrupted run had finished runs
 * again, and must change nothing the second time (the export saga's steps are written so). Without
 * `file`, a stop loses the running executions. Standard workflows only; JSONPath only (see
 * `taskBindings` for what is refused at start).
 */
export type InvokeFunction = (functionName: string, payload: unknown) => Promise<unknown>;

/**
 * SQS's SendMessage with the Task's parameters (`QueueUrl`, `MessageBody`, `MessageGroupId`, …),
 * answering SQS's output (`MessageId`, `MD5OfMessageBody`, `SequenceNumber`); an SQS error is
 * thrown as the SDK throws it.
 */
export type SendMessage = (parameters: JsonObject) => Promise<JsonObject>;

export interface StateMachineSpec {
  readonly name: string;
  /** The resolved Amazon States Language definition (Task resources are Lambda ARNs). */
  readonly definition: object;
}

export interface StepFunctionsOptions {
  /** 0: a free port. */
  readonly port: number;
  readonly host?: string;
  /** The region in ARNs. */
  readonly region?: string;
  /** One state machine: its name and definition (or use `stateMachines`). */
  readonly stateMachineName?: string;
  readonly definition?: object;
  readonly stateMachines?: readonly StateMachineSpec[];
  readonly invokeFunction: InvokeFunction;
  /** What an `sqs:sendMessage` Task calls; without it such a Task fails (`SQS.SdkClientException`). */
  readonly sendMessage?: SendMessage;
  /** Multiplies every retry interval (0: retry at once). Default: the definition's intervals. */
  readonly retryIntervalScale?: number;
  /** Per state name, the pause before each retry in ms (a number, or one per retrier; −1 keeps that retrier's). */
  readonly retryIntervalOverrides?: Readonly<Record<string, number | readonly number[]>>;
  /** Per Wait state name, the pause in ms. */
  readonly waitTimeOverrides?: Readonly<Record<string, number>>;
  /** The JSON file execution records persist to; none: in memory only. */
  readonly file?: string;
  /**
   * With `file`: when the executions that were running when the process stopped start again.
   * 'at-start' (default): as soon as the server listens. 'on-call': when `resumeInterrupted()` is
   * called, e.g. once the functions' environment is ready. Until then they are listed as RUNNING.
   */
  readonly resumeInterrupted?: 'at-start' | 'on-call';
  /** Warnings and internal errors. Default: stderr. */
  readonly log?: (message: string) => void;
}

export interface LocalStepFunctions extends LocalService {
  readonly region: string;
  /** The ARN of the first (or only) state machine. */
  readonly stateMachineArn: string;
  /** State machine name → ARN. */
  readonly stateMachineArns: Readonly<Record<string, string>>;
  /**
   * Starts again, from the beginning, the executions read from `file` that were running when the
   * process stopped (once; later calls do nothing). Answers their ARNs.
   */
  readonly resumeInterrupted: () => string[];
}

type Status = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: Status;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  /** How often the execution was started again after the runtime stopped while it ran. */
  redriveCount?: number;
  redriveDate?: number;
  events: HistoryEvent[];
}

interface StoredDocument {
  version: 1;
  executions: ExecutionRecord[];
}

interface Machine {
  readonly name: string;
  readonly arn: string;
  readonly definitionText: string;
  readonly createdAt: number;
  readonly tasks: Map<string, TaskBinding>;
  readonly interpreter: StateMachine;
}

interface Running {
  readonly abort: () => void;
  readonly recorder: HistoryRecorder;
  readonly done: Promise<void>;
}

type JsonValue = Parameters<StateMachine['run']>[0];

/** An error a function threw, as the interpreter must see it: named as the function's error. */
class FunctionError extends Error {
  public constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/** `States.DataLimitExceeded` is terminal in AWS: neither Retry nor Catch (`States.ALL`) gets it. */
class DataLimitExceededError extends Error {
  public readonly isRetryable = false;
  public readonly isCatchable = false;
  public constructor(message: string) {
    super(message);
    this.name = 'States.DataLimitExceeded';
  }
}

const payloadLimitBytes = 256 * 1024;
const executionArnPattern = /^arn:aws[a-z-]*:states:[^:]+:\d{12}:execution:([^:]+):([^:]+)$/;
const stateMachineArnPattern = /^arn:aws[a-z-]*:states:[^:]+:\d{12}:stateMachine:([^:]+)$/;
/** Execution names: 1–80 characters, no whitespace, brackets, wildcards, special or control characters. */
const namePattern = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;
/** The ExecutionAborted event of a run cut short by the runtime stopping; the execution itself stays RUNNING. */
const interrupted = {
  error: 'Local.Interrupted',
  cause:
    'The local Step Functions runtime stopped while this execution was running; it starts again from the beginning when the runtime starts again.',
};
const orphaned = {
  error: 'Local.Interrupted',
  cause:
    'The local Step Functions runtime stopped while this execution was running, and its state machine is no longer defined, so it cannot start again.',
};

/** Lambda's error payload for a thrown value (what the Node.js runtime sends back). */
const functionError = (thrown: unknown): FunctionError => {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  const errorType = error.name || 'Error';
  const payload = {
    errorType,
    errorMessage: error.message,
    trace: (error.stack ?? '').split('\n').filter(Boolean),
  };
  return new FunctionError(errorType, JSON.stringify(payload));
};

const terminal = (error: unknown): { status: Status; error?: string; cause?: string } => {
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (error instanceof ExecutionTimeoutError) {
    return {
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      cause: 'The execution ran longer than its TimeoutSeconds',
    };
  }
  const cause = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const detail = (cause as { cause?: unknown }).cause;
    return {
      status: 'FAILED',
      error: cause.name,
      cause:
        detail === undefined ? cause.message : typeof detail === 'string' ? detail : JSON.stringify(detail),
    };
  }
  return { status: 'FAILED', error: 'Error', cause: String(error) };
};

export const startStepFunctions = async (options: StepFunctionsOptions): Promise<LocalStepFunctions> => {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? defaultRegion;
  const log = options.log ?? ((message: string) => process.stderr.write(`[step-functions] ${message}\n`));
  const roleArn = `arn:aws:iam::${localAccountId}:role/local-step-functions`;
  const specs: StateMachineSpec[] = [...(options.stateMachines ?? [])];
  if (options.definition)
    specs.unshift({ name: options.stateMachineName ?? 'state-machine', definition: options.definition });
  if (specs.length === 0) throw new Error('startStepFunctions needs a definition or stateMachines');

  const machines = new Map<string, Machine>();
  for (const spec of specs) {
    const arn = `arn:aws:states:${region}:${localAccountId}:stateMachine:${spec.name}`;
    if (machines.has(arn)) throw new Error(`Two state machines are named ${spec.name}`);
    // The interpreter annotates the object it is given (e.g. QueryLanguage on every state), so the
    // definition is kept as text first: DescribeStateMachine answers exactly what was deployed.
    const definitionText = JSON.stringify(spec.definition);
    const definition = JSON.parse(definitionText) as Definition;
    const tasks = taskBindings(definition);
    // Validated as written (the interpreter's ASL checks); run as prepared (timeouts, retry pace).
    new StateMachine(JSON.parse(definitionText) as ConstructorParameters<typeof StateMachine>[0]);
    const prepared = prepareDefinition(definition, { retryIntervalScale: options.retryIntervalScale });
    machines.set(arn, {
      name: spec.name,
      arn,
      definitionText,
      createdAt: Date.now(),
      tasks,
      interpreter: new StateMachine(prepared as ConstructorParameters<typeof StateMachine>[0], {
        validationOptions: { noValidate: true },
      }),
    });
  }

  const executions = new Map<string, ExecutionRecord>();
  const running = new Map<string, Running>();
  /** Read back as RUNNING, not started again yet (see `resumeInterrupted`). */
  const interruptedRuns = new Map<string, ExecutionRecord>();
  /** Set by stop(): an execution aborted from now on was cut short by the stop, not stopped by a caller. */
  let shuttingDown = false;
  const abortRecord = (
    record: ExecutionRecord,
    details: { error?: string; cause?: string },
    stopDate = Date.now(),
  ) => {
    Object.assign(record, { status: 'ABORTED', stopDate, ...details });
    record.events.push({
      id: record.events.length + 1,
      previousEventId: record.events.length,
      timestamp: stopDate,
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { ...details },
    });
  };
  const stored = options.file ? readJsonFile<StoredDocument>(options.file) : undefined;
  for (const record of stored?.executions ?? []) {
    if (record.status === 'RUNNING') {
      if (machines.has(record.stateMachineArn)) interruptedRuns.set(record.executionArn, record);
      else abortRecord(record, orphaned, record.events.at(-1)?.timestamp ?? record.startDate);
    }
    executions.set(record.executionArn, record);
  }
  const writer = options.file ? new JsonFileWriter(options.file) : undefined;
  const persist = () =>
    void writer?.write({ version: 1, executions: [...executions.values()] } satisfies StoredDocument);
  if (stored) persist();

  const handlers = (machine: Machine) =>
    Object.fromEntries(
      [...machine.tasks.values()].map((task) => [
        task.stateName,
        async (input: JsonValue): Promise<JsonValue> => {
          if (task.kind === 'start-execution') return runChild(input);
          if (task.kind === 'sqs-send-message') return sendToQueue(input);
          let functionName = task.functionName;
          let payload: unknown = input;
          if (task.kind === 'lambda-invoke') {
            const parameters = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
            functionName = functionNameFromArn(String(parameters.FunctionName));
            payload = parameters.Payload ?? {};
          }
          let result: unknown;
          try {
            result = await options.invokeFunction(functionName!, payload);
          } catch (error) {
            throw functionError(error);
          }
          const text = JSON.stringify(result ?? null);
          if (Buffer.byteLength(text) > payloadLimitBytes) {
            throw new DataLimitExceededError(
              `The state/task '${task.stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
            );
          }
          const value = JSON.parse(text) as JsonValue;
          if (task.kind === 'lambda') return value;
          return {
            ExecutedVersion: '$LATEST',
            Payload: value,
            SdkHttpMetadata: { HttpStatusCode: 200 },
            SdkResponseMetadata: { RequestId: randomUUID() },
            StatusCode: 200,
          };
        },
      ]),
    );
  /**
   * `sqs:sendMessage`: the message as the Task's parameters give it; SQS's answer with the
   * envelope Step Functions adds. An SQS error fails the Task as `SQS.<its name>`, which Retry and
   * Catch match, as AWS names a service integration's errors.
   */
  const sendToQueue = async (input: JsonValue): Promise<JsonValue> => {
    if (!options.sendMessage)
      throw new FunctionError('SQS.SdkClientException', 'This runtime was started without SQS');
    let answer: JsonObject;
    try {
      answer = await options.sendMessage((input ?? {}) as JsonObject);
    } catch (error) {
      const thrown = error instanceof Error ? error : new Error(String(error));
      throw new FunctionError(`SQS.${thrown.name || 'SdkClientException'}`, thrown.message);
    }
    return {
      ...answer,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: randomUUID() },
    };
  };

  /**
   * `startExecution.sync:2`: starts the child on this runtime and waits for it, answering what Step
   * Functions answers (the child's description, its input and output as JSON); a child that did not
   * succeed fails the Task with `States.TaskFailed`, its description as the cause, as in AWS.
   */
  const runChild = async (input: JsonValue): Promise<JsonValue> => {
    const parameters = (input ?? {}) as { StateMachineArn?: unknown; Input?: unknown; Name?: unknown };
    const machine = machines.get(String(parameters.StateMachineArn));
    if (!machine)
      throw new FunctionError(
        'StepFunctions.StateMachineDoesNotExistException',
        `State Machine Does Not Exist: '${String(parameters.StateMachineArn)}'`,
      );
    const inputText =
      typeof parameters.Input === 'string' ? parameters.Input : JSON.stringify(parameters.Input ?? {});
    const name = typeof parameters.Name === 'string' ? parameters.Name : randomUUID();
    const record = startRecord(machine, name, inputText, JSON.parse(inputText) as JsonValue);
    await running.get(record.executionArn)?.done;
    const described = {
      ExecutionArn: record.executionArn,
      StateMachineArn: record.stateMachineArn,
      Name: record.name,
      Status: record.status,
      StartDate: record.startDate,
      StopDate: record.stopDate,
      Input: JSON.parse(record.input) as JsonValue,
      InputDetails: { Included: true },
      ...(record.output !== undefined
        ? { Output: JSON.parse(record.output) as JsonValue, OutputDetails: { Included: true } }
        : {}),
      ...(record.error !== undefined ? { Error: record.error } : {}),
      ...(record.cause !== undefined ? { Cause: record.cause } : {}),
    };
    if (record.status !== 'SUCCEEDED')
      throw new FunctionError('States.TaskFailed', JSON.stringify(described));
    return described as JsonValue;
  };

  const machineHandlers = new Map([...machines.values()].map((machine) => [machine.arn, handlers(machine)]));

  const run = (machine: Machine, record: ExecutionRecord, input: JsonValue, resumed = false): void => {
    const recorder = new HistoryRecorder(
      machine.tasks,
      roleArn,
      resumed ? { events: record.events, redriveCount: record.redriveCount ?? 1 } : undefined,
    );
    record.events = recorder.events;
    const execution = machine.interpreter.run(input, {
      overrides: {
        taskResourceLocalHandlers: machineHandlers.get(machine.arn),
        ...(options.retryIntervalOverrides
          ? {
              retryIntervalOverrides: Object.fromEntries(
                Object.entries(options.retryIntervalOverrides).map(([state, value]) => [
                  state,
                  typeof value === 'number' ? value : [...value],
                ]),
              ),
            }
          : {}),
        ...(options.waitTimeOverrides ? { waitTimeOverrides: { ...options.waitTimeOverrides } } : {}),
      },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, RoleArn: roleArn, Input: input },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    const events = (async () => {
      for await (const event of execution.eventLogs) {
        recorder.record(event);
        if (recorder.events.length === 25_001) {
          log(
            `${record.executionArn} passed 25,000 history events, the limit at which AWS fails an execution`,
          );
        }
      }
    })();
    const done = execution.result
      .then(
        (output) => ({ status: 'SUCCEEDED' as Status, output: JSON.stringify(output ?? null) }),
        (error: unknown) => {
          const outcome = terminal(error);
          return outcome.status === 'ABORTED' ? { ...outcome, ...recorder.abortDetails } : outcome;
        },
      )
      .then(async (outcome) => {
        // The history is complete before the status says so; the log closes right after the result.
        await Promise.race([events, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
        // Cut short by stop(): the execution is not over. It stays RUNNING in the file, and the
        // next start runs it again (its history shows this run's ExecutionAborted, then ExecutionRedriven).
        if (!(shuttingDown && outcome.status === 'ABORTED'))
          Object.assign(record, outcome, { stopDate: Date.now() });
        running.delete(record.executionArn);
        persist();
      })
      .catch((error: unknown) => log(`internal error finishing ${record.executionArn}: ${String(error)}`));
    running.set(record.executionArn, { abort: execution.abort, recorder, done });
  };

  /** A new execution, recorded and running. */
  const startRecord = (
    machine: Machine,
    name: string,
    inputText: string,
    input: JsonValue,
  ): ExecutionRecord => {
    const record: ExecutionRecord = {
      executionArn: `arn:aws:states:${region}:${localAccountId}:execution:${machine.name}:${name}`,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      input: inputText,
      startDate: Date.now(),
      events: [],
    };
    executions.set(record.executionArn, record);
    run(machine, record, input);
    persist();
    return record;
  };

  const requireMachine = (arn: string): Machine => {
    if (!stateMachineArnPattern.test(arn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const machine = machines.get(arn);
    if (!machine)
      throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  };

  const requireExecution = (arn: string): ExecutionRecord => {
    if (!executionArnPattern.test(arn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const record = executions.get(arn);
    if (!record) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  };

  const describeMachine = (machine: Machine) => ({
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definitionText,
    roleArn,
    type: 'STANDARD',
    creationDate: epochSeconds(machine.createdAt),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  });

  const summary = (record: ExecutionRecord) => ({
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: epochSeconds(record.startDate),
    ...(record.stopDate !== undefined ? { stopDate: epochSeconds(record.stopDate) } : {}),
    redriveCount: record.redriveCount ?? 0,
    ...(record.redriveDate !== undefined ? { redriveDate: epochSeconds(record.redriveDate) } : {}),
  });

  const operations: Record<string, (input: JsonObject) => unknown> = {
    StartExecution: (input) => {
      const machine = requireMachine(requiredString(input, 'stateMachineArn'));
      const name = optionalString(input, 'name') ?? randomUUID();
      if (!namePattern.test(name)) throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
      const inputText = optionalString(input, 'input') ?? '{}';
      if (Buffer.byteLength(inputText) > payloadLimitBytes) {
        throw new AwsServiceError(
          'ValidationException',
          "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
        );
      }
      let parsed: JsonValue;
      try {
        parsed = JSON.parse(inputText) as JsonValue;
      } catch (error) {
        throw new AwsServiceError(
          'InvalidExecutionInput',
          `Invalid State Machine Execution Input: '${(error as Error).message}'`,
        );
      }
      const executionArn = `arn:aws:states:${region}:${localAccountId}:execution:${machine.name}:${name}`;
      const existing = executions.get(executionArn);
      if (existing) {
        if (existing.status === 'RUNNING' && existing.input === inputText) {
          return { executionArn, startDate: epochSeconds(existing.startDate) };
        }
        throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }
      const record = startRecord(machine, name, inputText, parsed);
      return { executionArn, startDate: epochSeconds(record.startDate) };
    },

    DescribeExecution: (input) => {
      const record = requireExecution(requiredString(input, 'executionArn'));
      return {
        ...summary(record),
        input: record.input,
        inputDetails: { included: true },
        ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
        ...(record.error !== undefined ? { error: record.error } : {}),
        ...(record.cause !== undefined ? { cause: record.cause } : {}),
        redriveStatus: 'NOT_REDRIVABLE',
      };
    },

    StopExecution: async (input) => {
      const record = requireExecution(requiredString(input, 'executionArn'));
      const active = running.get(record.executionArn);
      const error = optionalString(input, 'error');
      const cause = optionalString(input, 'cause');
      const details = {
        ...(error !== undefined ? { error } : {}),
        ...(cause !== undefined ? { cause } : {}),
      };
      if (active) {
        active.recorder.abortDetails = details;
        active.abort();
        await active.done;
      } else if (interruptedRuns.delete(record.executionArn)) {
        // Interrupted and not started again yet: stopping it means it never will be.
        abortRecord(record, details);
        persist();
      }
      return { stopDate: epochSeconds(record.stopDate ?? Date.now()) };
    },

    ListExecutions: (input) => {
      const machine = requireMachine(requiredString(input, 'stateMachineArn'));
      const statusFilter = optionalString(input, 'statusFilter');
      const maxResults = optionalNumber(input, 'maxResults') || 100;
      if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
        throw new AwsServiceError('ValidationException', 'maxResults must be between 0 and 1000');
      }
      const matching = [...executions.values()]
        .filter((record) => record.stateMachineArn === machine.arn)
        .filter((record) => statusFilter === undefined || record.status === statusFilter)
        .reverse()
        .sort((a, b) => b.startDate - a.startDate);
      const offset = decodeToken(optionalString(input, 'nextToken'));
      const next = offset + maxResults < matching.length ? encodeToken(offset + maxResults) : undefined;
      return {
        executions: matching.slice(offset, offset + maxResults).map(summary),
        ...(next ? { nextToken: next } : {}),
      };
    },

    GetExecutionHistory: (input) => {
      const record = requireExecution(requiredString(input, 'executionArn'));
      const maxResults = optionalNumber(input, 'maxResults') || 100;
      if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
        throw new AwsServiceError('ValidationException', 'maxResults must be between 0 and 1000');
      }
      const includeData = optionalBoolean(input, 'includeExecutionData') ?? true;
      const ordered = optionalBoolean(input, 'reverseOrder') ? [...record.events].reverse() : record.events;
      const offset = decodeToken(optionalString(input, 'nextToken'));
      const next = offset + maxResults < ordered.length ? encodeToken(offset + maxResults) : undefined;
      const withoutData = (event: HistoryEvent): HistoryEvent =>
        Object.fromEntries(
          Object.entries(event).map(([key, value]) => {
            if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null)
              return [key, value];
            const {
              input: _input,
              output: _output,
              parameters: _parameters,
              ...rest
            } = value as Record<string, unknown>;
            return [key, rest];
          }),
        ) as unknown as HistoryEvent;
      return {
        events: ordered.slice(offset, offset + maxResults).map((event) => {
          const shown = includeData ? event : withoutData(event);
          return { ...shown, timestamp: epochSeconds(event.timestamp) };
        }),
        ...(next ? { nextToken: next } : {}),
      };
    },

    DescribeStateMachine: (input) =>
      describeMachine(requireMachine(requiredString(input, 'stateMachineArn'))),

    DescribeStateMachineForExecution: (input) => {
      const record = requireExecution(requiredString(input, 'executionArn'));
      const machine = machines.get(record.stateMachineArn);
      if (!machine) {
        throw new AwsServiceError(
          'StateMachineDoesNotExist',
          `State Machine Does Not Exist: '${record.stateMachineArn}'`,
        );
      }
      const { status: _status, type: _type, creationDate, ...rest } = describeMachine(machine);
      return { ...rest, updateDate: creationDate };
    },

    ListStateMachines: () => ({
      stateMachines: [...machines.values()].map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.name,
        type: 'STANDARD',
        creationDate: epochSeconds(machine.createdAt),
      })),
    }),
  };

  const server = createJsonProtocolServer({
    targetPrefix: 'AWSStepFunctions',
    contentType: 'application/x-amz-json-1.0',
    operations,
    onInternalError: (error, operation) =>
      log(`${operation}: ${error instanceof Error ? error.stack : String(error)}`),
  });
  const port = await listen(server, options.port, host);
  const arns = Object.fromEntries([...machines.values()].map((machine) => [machine.name, machine.arn]));

  const resumeInterrupted = (): string[] => {
    const resumed: string[] = [];
    for (const record of interruptedRuns.values()) {
      const machine = machines.get(record.stateMachineArn)!;
      record.redriveCount = (record.redriveCount ?? 0) + 1;
      record.redriveDate = Date.now();
      // From the beginning, with the input it was started with (see the module comment for why).
      run(machine, record, JSON.parse(record.input) as JsonValue, true);
      resumed.push(record.executionArn);
    }
    interruptedRuns.clear();
    if (resumed.length > 0) persist();
    return resumed;
  };
  if ((options.resumeInterrupted ?? 'at-start') === 'at-start') resumeInterrupted();

  return {
    endpoint: endpointFor(host, port),
    port,
    region,
    stateMachineArn: [...machines.keys()][0]!,
    stateMachineArns: arns,
    resumeInterrupted,
    stop: once(async () => {
      shuttingDown = true;
      await closeServer(server);
      const active = [...running.values()];
      for (const execution of active) {
        execution.recorder.abortDetails = { ...interrupted };
        execution.abort();
      }
      await Promise.all(active.map((execution) => execution.done));
      await writer?.flush();
    }),
  };
};
