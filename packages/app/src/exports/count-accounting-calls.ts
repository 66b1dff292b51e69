/**
 * Adds the calls a step made to its integration's count for today (Uniconta's daily allowance,
 * #domain/uniconta-allowance): one atomic write per saga step (batch, compensation) or per export
 * request that found nothing to export, never one per call. An adapter that does not count calls
 * (e-conomic limits per second, not per day) writes nothing, nor does a step that called nothing.
 */
import type { AccountingReader } from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type { AccountingCallCounter } from '#app/ports/export-store';
import type { Counters } from '#app/ports/observability';
import type { IntegrationOwner } from '#domain/integration';
import { unicontaCallDay } from '#domain/uniconta-allowance';

export interface CountCallsPorts {
  readonly accountingCalls: AccountingCallCounter;
  readonly clock: Clock;
  readonly counters: Counters;
}

export const countAccountingCalls = async (
  { accountingCalls, clock, counters }: CountCallsPorts,
  owner: IntegrationOwner,
  accounting: Pick<AccountingReader, 'system' | 'callsNotYetCounted'> | undefined,
): Promise<void> => {
  const calls = accounting?.callsNotYetCounted?.() ?? 0;
  if (calls === 0 || !accounting) return;
  try {
    await accountingCalls.addAccountingCalls(owner, accounting.system, unicontaCallDay(clock.now()), calls);
  } catch {
    // The drafts are made: an export must not fail, and be compensated, for want of a tally. The
    // day's count comes out low by these calls; the metric says by how many.
    counters.count('AccountingCallsNotCounted', calls);
  }
};
