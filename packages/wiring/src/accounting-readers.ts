/**
 * The accounting systems read, not written: their readers (packages/accounting/src/create-reader.ts),
 * opened as the adapters are (accounting-settings.ts). For the export request, the monthly close's
 * automatic export and the integration's settings, which check against the systems and make no
 * draft; their bundles then carry none of the draft code (docs/performance.md).
 */
import { createAccountingReader } from '#accounting/create-reader';
import type { AccountingReader, AccountingSystems } from '#app/ports/accounting';
import { accountingHostsOf, accountingSettingsOf } from './accounting-settings.ts';

export const accountingReaders: AccountingSystems<AccountingReader> = {
  hostsOf: accountingHostsOf,
  open: (system, baseUrl, credentials, settings) =>
    createAccountingReader(system, accountingSettingsOf(system, baseUrl, credentials, settings)),
};
