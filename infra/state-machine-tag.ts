import type { StateMachineName } from '#app/ports/executions';

/**
 * The tag that names each state machine for the local runtime, as `faktura:function` names a function.
 * Its value is the state machine's StateMachineName (#app/ports/executions): the names the functions
 * start executions by, so there is one list.
 */
export const stateMachineTag = 'faktura:state-machine';

/**
 * The value of the tag: a StateMachineName, or a machine no function starts by name (the monthly
 * close's group, which only the close's own execution starts, as a child).
 */
export type StateMachineKind = StateMachineName | 'monthly-close-group';
