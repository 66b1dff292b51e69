import type { StateMachineListItem } from '@aws-sdk/client-sfn';

/** The local stack's state machines by name (tools/local-runtime/src/config.ts). */
export const stateMachineNames = { export: 'faktura-export', monthlyClose: 'faktura-monthly-close' } as const;

export const machineArn = (machines: readonly StateMachineListItem[], name: string): string => {
  const machine = machines.find((candidate) => candidate.name === name);
  if (!machine?.stateMachineArn) throw new Error(`No state machine named ${name}`);
  return machine.stateMachineArn;
};

export const exportMachine = (machines: readonly StateMachineListItem[]): string =>
  machineArn(machines, stateMachineNames.export);
