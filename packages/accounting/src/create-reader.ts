import type { AccountingReader, AccountingSystem } from '#app/ports/accounting';
import { type AccountingSettings, openBySystem } from './accounting-settings.ts';
import { createEconomicReader } from './economic/reader.ts';
import type { CallCounter } from './http/call-counter.ts';
import { createUnicontaReader } from './uniconta/reader.ts';

/**
 * The reader for an integration's system: what the export request, the monthly close's automatic
 * export and the integration's settings ask of it (credentials, master data, VAT codes, calls
 * made), with none of the draft code, so that their bundles carry none of it
 * (docs/performance.md). Its reads are the adapter's own (create-adapter.ts builds on them).
 */
export type CountingAccountingReader = AccountingReader & { readonly calls: CallCounter };

export const createAccountingReader = (
  system: AccountingSystem,
  settings: AccountingSettings,
): CountingAccountingReader =>
  openBySystem(system, settings, { economic: createEconomicReader, uniconta: createUnicontaReader });
