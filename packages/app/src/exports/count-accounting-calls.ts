/**
 * Adds the calls a step made to its integration's count for today (Uniconta's daily allowance,
 * #domain/uniconta-allowance): one atomic write per saga step (batch, compensation), never one per
 * call. An adapter that does not count calls (e-conomic limits per second, not per day) writes
 * nothing, nor does a step that called nothing.
 */
import type { AccountingPort } from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type { AccountingCallCounter } from '#app/ports/export-store';
import type { IntegrationOwner } from '#domain/integration';
import { unicontaCallDay } from '#domain/uniconta-allowance';

export interface CountCallsPorts {
  readonly accountingCalls: AccountingCallCounter;
  readonly clock: Clock;
}

export const countAccountingCalls = async (
  { accountingCalls, clock }: CountCallsPorts,
  owner: IntegrationOwner,
  accounting: AccountingPort | undefined,
): Promise<void> => {
  const calls = accounting?.callsNotYetCounted?.() ?? 0;
  if (calls === 0 || !accounting) return;
  await accountingCalls.addAccountingCalls(owner, accounting.system, unicontaCallDay(clock.now()), calls);
};
