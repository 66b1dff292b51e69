/**
 * The tag that names each state machine for the local runtime, as `faktura:function` names a function.
 * Its value is the state machine's StateMachineName (#app/ports/executions): the names the functions
 * start executions by, so there is one list.
 */
export const stateMachineTag = 'faktura:state-machine';
