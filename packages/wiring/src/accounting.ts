/**
 * The accounting systems as this deployment reaches them, drafts included: the adapters of
 * packages/accounting, opened with accounting-settings.ts. A function that only checks against the
 * systems opens their readers instead (accounting-readers.ts).
 */
import { createAccountingAdapter } from '#accounting/create-adapter';
import { draftOrderFromInvoice } from '#accounting/mapping';
import type { AccountingSystems, DraftOrderOf } from '#app/ports/accounting';
import { accountingHostsOf, accountingSettingsOf } from './accounting-settings.ts';

export const accountingSystems: AccountingSystems = {
  hostsOf: accountingHostsOf,
  open: (system, baseUrl, credentials, settings) =>
    createAccountingAdapter(system, accountingSettingsOf(system, baseUrl, credentials, settings)),
};

export const draftOrderOf: DraftOrderOf = draftOrderFromInvoice;
