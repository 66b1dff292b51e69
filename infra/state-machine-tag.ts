/** The tag that names each state machine for the local runtime, as `faktura:function` names a function. */
export const stateMachineTag = 'faktura:state-machine';
