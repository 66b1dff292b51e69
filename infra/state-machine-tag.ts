/** The tag that names each state machine for the local runtime, as `faktura:function` names a function. */
export const stateMachineTag = 'faktura:state-machine';

/**
 * Which of the stack's state machines: the tag value each one carries. The same names the
 * functions use to start executions (packages/app/src/ports/executions.ts), so there is one list.
 */
export type { StateMachineName as StateMachineKind } from '#app/ports/executions';
