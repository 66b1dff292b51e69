/**
 * The state of a monthly-close execution, as the state machine hands it from step to step
 * (infra/constructs/monthly-close-machine.ts). Ids and counts only: the customers' invoices never
 * travel through the state, and each reseller's outcome is written to the table, not collected by
 * the Map (which would grow with the number of resellers against the 256 KB state limit).
 */
import type { CloseTally } from '#app/ports/store';

/** Every step knows the month (YYYY-MM) and the run (the execution's name). */
export interface CloseRun {
  readonly month: string;
  readonly run: string;
}

/** One reseller's iteration: CloseCustomers runs page after page until `done`. */
export interface ResellerCloseState extends CloseRun {
  readonly reseller: string;
  /** The next page of customers; absent on the first call. */
  readonly cursor?: string;
  readonly tally?: CloseTally;
  readonly done?: boolean;
  /** Set by the Catch when the reseller's close failed after its retries. */
  readonly error?: { readonly Error?: string; readonly Cause?: string };
}

export const emptyTally: CloseTally = { created: 0, existed: 0, nothingBilled: 0, failed: 0, failures: [] };

/** At most this many failed customers are named per reseller: the state stays small. */
export const namedFailures = 20;

/** The state a step was handed is missing what the state machine always gives it: a wiring bug. */
export class MalformedCloseState extends Error {
  public override readonly name = 'MalformedCloseState';
}

/**
 * The run (month and execution name) from a step's input, checked. Why no schema library here: the
 * input comes from our own state machine, not from a person, and zod would add ~95 KB to each of
 * these bundles for two strings.
 */
export const readRun = <T extends CloseRun>(event: unknown, also: readonly (keyof T & string)[] = []): T => {
  const state = (event ?? {}) as Record<string, unknown>;
  for (const field of ['month', 'run', ...also]) {
    if (typeof state[field] !== 'string' || state[field] === '')
      throw new MalformedCloseState(`The close step's input has no ${field}`);
  }
  return state as T;
};
