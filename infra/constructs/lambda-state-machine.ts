import { Duration, Stack, Tags, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { FunctionName } from '../catalog.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import { type StateMachineKind, stateMachineTag } from '../state-machine-tag.ts';

/**
 * What Faktura's state machines (the export saga, the monthly close) have in common: Tasks that
 * invoke catalog functions, and a Standard machine with full logging and tracing whose role is
 * acknowledged for cdk-nag once, here.
 */

/** Where a Task finds its function and the function's timeout (the stack's catalog functions). */
export interface TaskFunctions {
  readonly functionOf: (name: FunctionName) => lambda.IFunction;
  readonly timeoutOf: (name: FunctionName) => Duration;
}

/**
 * A Task state that invokes a catalog function. Its Resource is the function ARN itself
 * (`payloadResponseOnly`): the function gets the state as its event and its return value is the
 * result, with no `Payload` envelope to unwrap. The state's name is a contract with the local
 * runtime, which keys handlers by state name.
 */
export const lambdaTask = (
  scope: Construct,
  state: string,
  name: FunctionName,
  functions: TaskFunctions,
  options: Partial<LambdaInvokeProps> = {},
): LambdaInvoke =>
  new LambdaInvoke(scope, state, {
    lambdaFunction: functions.functionOf(name),
    payloadResponseOnly: true,
    // The Lambda service retries are spelled out per state, so the definition shows them.
    retryOnServiceExceptions: false,
    // A minute beyond the function's own timeout: this only catches an invocation that never returns.
    taskTimeout: sfn.Timeout.duration(functions.timeoutOf(name).plus(Duration.minutes(1))),
    ...options,
  });

export interface LoggedStateMachineProps {
  readonly kind: StateMachineKind;
  readonly comment: string;
  readonly definition: sfn.IChainable;
  readonly timeout: Duration;
  readonly logRetention: logs.RetentionDays;
  /** The functions its Tasks invoke (for the role's acknowledgements). */
  readonly taskFunctions: readonly FunctionName[];
  readonly functions: TaskFunctions;
}

/** A Standard state machine logging ALL with execution data, traced, tagged with its kind. */
export const loggedStateMachine = (
  scope: Construct,
  props: LoggedStateMachineProps,
): { stateMachine: sfn.StateMachine; logGroup: logs.LogGroup } => {
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    // The vendedlogs prefix keeps CloudWatch Logs' resource policy from growing with every log group.
    logGroupName: `/aws/vendedlogs/states/${Stack.of(scope).stackName}-${props.kind === 'export' ? 'export-saga' : props.kind}`,
    retention: props.logRetention,
  });
  const stateMachine = new sfn.StateMachine(scope, 'StateMachine', {
    comment: props.comment,
    stateMachineType: sfn.StateMachineType.STANDARD,
    definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
    tracingEnabled: true,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    timeout: props.timeout,
  });
  Tags.of(stateMachine).add(stateMachineTag, props.kind);

  Validations.of(stateMachine.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Step Functions log delivery (logs:CreateLogDelivery and friends) and X-Ray (xray:PutTraceSegments) support no resource-level permissions.',
  });
  for (const name of new Set(props.taskFunctions)) {
    acknowledgeWildcardResource(
      stateMachine.role,
      `${props.functions.functionOf(name).functionArn}:*`,
      `LambdaInvoke also grants invoking the versions and aliases of ${name} (<arn>:*); the function itself is the only target.`,
    );
  }
  return { stateMachine, logGroup };
};
