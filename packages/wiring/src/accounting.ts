/**
 * The accounting systems as this deployment reaches them: the adapters of packages/accounting, and
 * where each system may live. Besides the real host, ECONOMIC_API_URL / UNICONTA_API_URL (the
 * default of new integrations: a test agreement's host, or the local simulators) and
 * ECONOMIC_API_EXTRA_URLS / UNICONTA_API_EXTRA_URLS (comma-separated; more hosts an ADMIN may
 * choose); see packages/domain/src/accounting-hosts.ts. Uniconta's calls a second per container:
 * UNICONTA_REQUESTS_PER_SECOND and UNICONTA_REQUESTS_PER_SECOND_BY_HOST
 * (packages/accounting/src/uniconta/rate-cap.ts).
 */
import { createAccountingAdapter } from '#accounting/create-adapter';
import { draftOrderFromInvoice } from '#accounting/mapping';
import { unicontaRequestsPerSecond } from '#accounting/uniconta/rate-cap';
import type { AccountingSystems, DraftOrderOf } from '#app/ports/accounting';
import { urlList } from '#domain/accounting-hosts';

export const accountingSystems: AccountingSystems = {
  hostsOf: (system) =>
    system === 'economic'
      ? { defaultUrl: process.env.ECONOMIC_API_URL, extraUrls: urlList(process.env.ECONOMIC_API_EXTRA_URLS) }
      : { defaultUrl: process.env.UNICONTA_API_URL, extraUrls: urlList(process.env.UNICONTA_API_EXTRA_URLS) },
  open: (system, baseUrl, credentials, settings = {}) =>
    createAccountingAdapter(system, {
      baseUrl,
      credentials,
      defaultLayoutNumber: settings.defaultLayoutNumber,
      defaultDaysOfCredit: settings.defaultDaysOfCredit,
      exemptVatCode: settings.exemptVatCode,
      ...(system === 'uniconta'
        ? {
            maxRequestsPerSecond: unicontaRequestsPerSecond(baseUrl, {
              requestsPerSecond: process.env.UNICONTA_REQUESTS_PER_SECOND,
              byHost: process.env.UNICONTA_REQUESTS_PER_SECOND_BY_HOST,
            }),
          }
        : {}),
    }),
};

export const draftOrderOf: DraftOrderOf = draftOrderFromInvoice;
