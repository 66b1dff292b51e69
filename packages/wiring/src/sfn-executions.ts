/**
 * Step Functions executions. The state machines' ARNs come from the environment the stack gives
 * each function (infra/functions.ts); a function that starts none has none.
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Executions, StateMachineName } from '#app/ports/executions';

export const sfnExecutions = (
  sfn: SFNClient,
  stateMachineArn: (name: StateMachineName) => string | undefined,
): Executions => ({
  async start(stateMachine, name, input) {
    const arn = stateMachineArn(stateMachine);
    try {
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify(input) }),
      );
      return { executionArn: executionArn!, started: true };
    } catch (error) {
      // Step Functions answers a repeated name with the running execution (same input), or with
      // ExecutionAlreadyExists once it has finished or when the input differs: either way, the
      // execution of that name exists and must not be started twice.
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
      return { executionArn: `${arn!.replace(':stateMachine:', ':execution:')}:${name}`, started: false };
    }
  },
});

const environmentArn: Record<StateMachineName, string> = {
  export: 'EXPORT_STATE_MACHINE_ARN',
  'monthly-close': 'MONTHLY_CLOSE_STATE_MACHINE_ARN',
};

/** One client per Lambda container, so that its connection is reused across invocations. */
export const executions: Executions = sfnExecutions(
  new SFNClient({}),
  (name) => process.env[environmentArn[name]],
);
