import type { AccountingPort, AccountingSystem } from '#app/ports/accounting';
import { type AccountingSettings, openBySystem } from './accounting-settings.ts';
import { createEconomicAdapter, type EconomicAdapter } from './economic/adapter.ts';
import type { CallCounter } from './http/call-counter.ts';
import { createUnicontaAdapter, type UnicontaAdapter } from './uniconta/adapter.ts';

/**
 * The adapter for an integration's system (drafts included), from its settings and the credentials
 * read from the secret store (accounting-settings.ts checks they fit the system). A function that
 * only checks against the system opens its reader instead (create-reader.ts).
 */

export type { AccountingSettings } from './accounting-settings.ts';

/** A port that also counts its HTTP calls per operation. */
export type CountingAccountingPort = AccountingPort & { readonly calls: CallCounter };

export function createAccountingAdapter(system: 'economic', settings: AccountingSettings): EconomicAdapter;
export function createAccountingAdapter(system: 'uniconta', settings: AccountingSettings): UnicontaAdapter;
export function createAccountingAdapter(
  system: AccountingSystem,
  settings: AccountingSettings,
): CountingAccountingPort;
export function createAccountingAdapter(
  system: AccountingSystem,
  settings: AccountingSettings,
): CountingAccountingPort {
  return openBySystem(system, settings, { economic: createEconomicAdapter, uniconta: createUnicontaAdapter });
}
