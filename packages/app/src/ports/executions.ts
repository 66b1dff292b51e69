/** Which of Faktura's state machines an execution belongs to. */
export type StateMachineName = 'export' | 'monthly-close';

export interface StartedExecution {
  readonly executionArn: string;
  /** False when an execution of that name already existed: a redelivery, not a second start. */
  readonly started: boolean;
}

/**
 * Starts named state machine executions. A name is used once per state machine, which is what
 * makes a redelivered request (SQS, Scheduler) start one execution, not two.
 */
export interface Executions {
  start(stateMachine: StateMachineName, name: string, input: unknown): Promise<StartedExecution>;
}
