/**
 * The owner's integration with its credentials, ready to call. Every use goes through here, so
 * every use checks again that the host is one the deployment allows and the one the credentials
 * were given for: an integration saved before those rules (or whose host the deployment no longer
 * allows) throws IntegrationNotUsable and is never called. A secret written before credentials
 * were bound to a host counts as bound to its integration's host, when that host is allowed.
 */

import type {
  AccountingPort,
  AccountingReader,
  AccountingSystems,
  AdapterSettings,
} from '#app/ports/accounting';
import type { CredentialReader, IntegrationReader } from '#app/ports/export-store';
import type { Log } from '#app/ports/observability';
import { isAllowedServiceRoot, serviceOrigin } from '#domain/accounting-hosts';
import { IntegrationNotUsable } from '#domain/accounting-refusals';
import type { AccountingSystemName, IntegrationOwner, IntegrationSettings } from '#domain/integration';

export interface OpenIntegrationPorts<Port extends AccountingReader = AccountingPort> {
  readonly integrations: IntegrationReader;
  readonly credentials: CredentialReader;
  readonly systems: AccountingSystems<Port>;
  readonly log: Log;
}

export interface OpenedIntegration<Port extends AccountingReader = AccountingPort> {
  readonly settings: IntegrationSettings;
  readonly accounting: Port;
}

/**
 * Undefined when the integration is not set up (no settings, or no credentials). `read`: the
 * owner's settings when the caller has read them already (the monthly close, to see autoExport),
 * so that they are not read twice.
 */
export const openIntegration = async <Port extends AccountingReader = AccountingPort>(
  { integrations, credentials, systems, log }: OpenIntegrationPorts<Port>,
  owner: IntegrationOwner,
  system: AccountingSystemName,
  read?: IntegrationSettings,
): Promise<OpenedIntegration<Port> | undefined> => {
  const [settings, stored] = await Promise.all([
    read ?? integrations.getIntegration(owner, system),
    credentials.loadCredentials(owner, system),
  ]);
  if (!settings || !stored) return undefined;
  if (!isAllowedServiceRoot(system, settings.baseUrl, systems.hostsOf(system))) {
    log.warn('An integration points at a host this deployment does not allow: not called', {
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
    log.warn('Credentials given for another host: not sent', {
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
    accounting: systems.open(system, settings.baseUrl, stored.credentials, adapterSettingsOf(settings)),
  };
};

/** The settings an adapter works by, and only those (the rest is the integration's, not the adapter's). */
const adapterSettingsOf = ({
  defaultLayoutNumber,
  defaultDaysOfCredit,
  exemptVatCode,
}: IntegrationSettings): AdapterSettings => ({
  ...(defaultLayoutNumber === undefined ? {} : { defaultLayoutNumber }),
  ...(defaultDaysOfCredit === undefined ? {} : { defaultDaysOfCredit }),
  ...(exemptVatCode === undefined ? {} : { exemptVatCode }),
});
