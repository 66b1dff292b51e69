import { createAccountingAdapter } from '#accounting/create-adapter';
import type { AccountingPort } from '#accounting/port';
import {
  type AccountingSystemName,
  type Credentials,
  type IntegrationOwner,
  type IntegrationSettings,
  realBaseUrls,
} from '#domain/integration';
import { loadCredentials } from '#store/accounting-credentials';
import { getIntegration } from '#store/integrations';

/**
 * The accounting system's service root: the settings' own, else the deployment's default
 * (ECONOMIC_API_URL / UNICONTA_API_URL, e.g. a test agreement's host), else the real one.
 */
export const defaultBaseUrl = (system: AccountingSystemName): string =>
  (system === 'economic' ? process.env.ECONOMIC_API_URL : process.env.UNICONTA_API_URL) ||
  realBaseUrls[system];

export const openAccounting = (
  system: AccountingSystemName,
  baseUrl: string,
  credentials: Credentials,
  defaultLayoutNumber?: number,
): AccountingPort => createAccountingAdapter(system, { baseUrl, credentials, defaultLayoutNumber });

export interface ConnectedIntegration {
  readonly settings: IntegrationSettings;
  readonly accounting: AccountingPort;
}

/** The owner's integration with its credentials, ready to call; undefined when it is not set up. */
export const connectIntegration = async (
  owner: IntegrationOwner,
  system: AccountingSystemName,
): Promise<ConnectedIntegration | undefined> => {
  const [settings, credentials] = await Promise.all([
    getIntegration(owner, system),
    loadCredentials(owner, system),
  ]);
  if (!settings || !credentials) return undefined;
  return {
    settings,
    accounting: openAccounting(system, settings.baseUrl, credentials, settings.defaultLayoutNumber),
  };
};
