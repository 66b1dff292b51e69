import { createAccountingAdapter } from '#accounting/create-adapter';
import type { AccountingPort } from '#accounting/port';
import {
  type AccountingHostsConfig,
  allowedServiceRoots,
  defaultServiceRoot,
  isAllowedServiceRoot,
  serviceOrigin,
  urlList,
} from '#domain/accounting-hosts';
import type {
  AccountingSystemName,
  Credentials,
  IntegrationOwner,
  IntegrationSettings,
} from '#domain/integration';
import { logger } from '#lambda/observability';
import { credentialStore } from '#wiring/credential-store';
import { integrationStore } from '#wiring/store';
import { IntegrationNotUsable } from './accounting-refusals.ts';

/**
 * Where the deployment lets an accounting system live (see #domain/accounting-hosts): the real
 * host, its ECONOMIC_API_URL / UNICONTA_API_URL (the default of new integrations: a test
 * agreement's host, or the local simulators) and its ECONOMIC_API_EXTRA_URLS /
 * UNICONTA_API_EXTRA_URLS (comma-separated; more hosts an ADMIN may choose).
 */
export const accountingHosts = (system: AccountingSystemName): AccountingHostsConfig =>
  system === 'economic'
    ? {
        defaultUrl: process.env.ECONOMIC_API_URL,
        extraUrls: urlList(process.env.ECONOMIC_API_EXTRA_URLS),
      }
    : {
        defaultUrl: process.env.UNICONTA_API_URL,
        extraUrls: urlList(process.env.UNICONTA_API_EXTRA_URLS),
      };

/** The service root a new integration gets: the deployment's, else the real one. */
export const defaultBaseUrl = (system: AccountingSystemName): string =>
  defaultServiceRoot(system, accountingHosts(system));

export const isAllowedBaseUrl = (system: AccountingSystemName, baseUrl: string): boolean =>
  isAllowedServiceRoot(system, baseUrl, accountingHosts(system));

export const allowedBaseUrls = (system: AccountingSystemName): string[] =>
  allowedServiceRoots(system, accountingHosts(system));

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

/**
 * The owner's integration with its credentials, ready to call; undefined when it is not set up.
 * Every use goes through here, so every use checks again that the host is one the deployment
 * allows and the one the credentials were given for: an integration saved before those rules (or
 * whose host the deployment no longer allows) throws IntegrationNotUsable and is never called. A
 * secret written before credentials were bound to a host counts as bound to its integration's
 * host, when that host is allowed.
 */
export const connectIntegration = async (
  owner: IntegrationOwner,
  system: AccountingSystemName,
): Promise<ConnectedIntegration | undefined> => {
  const [settings, stored] = await Promise.all([
    integrationStore.getIntegration(owner, system),
    credentialStore.loadCredentials(owner, system),
  ]);
  if (!settings || !stored) return undefined;
  if (!isAllowedBaseUrl(system, settings.baseUrl)) {
    logger.warn('An integration points at a host this deployment does not allow: not called', {
      owner,
      system,
      baseUrl: settings.baseUrl,
    });
    throw new IntegrationNotUsable(
      system,
      'it points at a host this deployment does not allow; connect it again with its credentials',
    );
  }
  const origin = serviceOrigin(settings.baseUrl);
  if ((stored.origin ?? origin) !== origin) {
    logger.warn('Credentials given for another host: not sent', {
      owner,
      system,
      baseUrl: settings.baseUrl,
      boundTo: stored.origin,
    });
    throw new IntegrationNotUsable(
      system,
      'its credentials were given for another host; connect it again with its credentials',
    );
  }
  return {
    settings,
    accounting: openAccounting(system, settings.baseUrl, stored.credentials, settings.defaultLayoutNumber),
  };
};
