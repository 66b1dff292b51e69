/**
 * Where each accounting system may live in this deployment, and the settings an integration's
 * adapter or reader is opened with. Besides the real host, ECONOMIC_API_URL / UNICONTA_API_URL (the
 * default of new integrations: a test agreement's host, or the local simulators) and
 * ECONOMIC_API_EXTRA_URLS / UNICONTA_API_EXTRA_URLS (comma-separated; more hosts an ADMIN may
 * choose); see packages/domain/src/accounting-hosts.ts. Uniconta's calls a second per container:
 * UNICONTA_REQUESTS_PER_SECOND and UNICONTA_REQUESTS_PER_SECOND_BY_HOST
 * (packages/accounting/src/uniconta/rate-cap.ts).
 */
import type { AccountingSettings } from '#accounting/accounting-settings';
import { unicontaRequestsPerSecond } from '#accounting/uniconta/rate-cap';
import type { AccountingSystems, AdapterSettings } from '#app/ports/accounting';
import { urlList } from '#domain/accounting-hosts';
import type { AccountingSystemName, Credentials } from '#domain/integration';

export const accountingHostsOf: AccountingSystems['hostsOf'] = (system) =>
  system === 'economic'
    ? { defaultUrl: process.env.ECONOMIC_API_URL, extraUrls: urlList(process.env.ECONOMIC_API_EXTRA_URLS) }
    : { defaultUrl: process.env.UNICONTA_API_URL, extraUrls: urlList(process.env.UNICONTA_API_EXTRA_URLS) };

export const accountingSettingsOf = (
  system: AccountingSystemName,
  baseUrl: string,
  credentials: Credentials,
  settings: AdapterSettings = {},
): AccountingSettings => ({
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
});
