/**
 * Connects a reseller (or, for ADMIN, the platform) to its accounting system. The credentials are
 * tried against the system first and stored only if they work, in the secret store, never in the
 * table; what is kept in the table is masked.
 *
 * Where the system lives (`baseUrl`) is the deployment's decision: a RESELLER may not give it at
 * all, an ADMIN only one of the hosts the deployment allows, and the URL is never tried before it
 * is known to be allowed. Credentials are stored with the host they were given for; moving an
 * integration to another host takes every credential again, so stored ones never go to a new host.
 */

import type { AccountingReader, AccountingSystems } from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type { CredentialWriter, IntegrationWriter, ResellerReader } from '#app/ports/export-store';
import type { Log } from '#app/ports/observability';
import {
  allowedServiceRoots,
  defaultServiceRoot,
  isAllowedServiceRoot,
  serviceOrigin,
} from '#domain/accounting-hosts';
import { integrationRefusal } from '#domain/accounting-refusals';
import type { Caller } from '#domain/caller';
import {
  type AccountingSystemName,
  type Credentials,
  credentialFields,
  type IntegrationSettings,
  maskCredentials,
  systemLabels,
} from '#domain/integration';
import { accessDenied, invalid, notFound, throwIfAny } from '#domain/refusal';
import { integrationOwner } from './integration-owner.ts';

export interface ConnectIntegrationPorts {
  readonly integrations: IntegrationWriter;
  readonly credentials: CredentialWriter;
  readonly resellers: ResellerReader;
  /** Only read: connecting checks the credentials (and Uniconta's exempt VAT code). */
  readonly systems: AccountingSystems<AccountingReader>;
  readonly clock: Clock;
  readonly log: Log;
}

/** The settings of either system: its credentials by their own names (the API's body). */
export interface IntegrationRequest {
  readonly reseller?: string | undefined;
  readonly platform?: boolean | undefined;
  readonly baseUrl?: string | undefined;
  readonly autoExport?: boolean | undefined;
  readonly defaultLayoutNumber?: number | undefined;
  readonly defaultDaysOfCredit?: number | undefined;
  readonly dailyCallAllowance?: number | undefined;
  readonly exemptVatCode?: string | undefined;
  readonly [credential: string]: unknown;
}

export interface ConnectIntegrationInput {
  readonly caller: Caller;
  readonly system: AccountingSystemName;
  readonly settings: IntegrationRequest;
}

export const connectIntegration = async (
  ports: ConnectIntegrationPorts,
  { caller, system, settings }: ConnectIntegrationInput,
): Promise<IntegrationSettings> => {
  const { integrations, credentials: secrets, resellers, systems, clock, log } = ports;
  const label = systemLabels[system];
  const hosts = systems.hostsOf(system);
  const owner = integrationOwner(caller, settings);
  if (settings.baseUrl !== undefined) {
    if (caller.role !== 'ADMIN')
      throw accessDenied('Only ADMIN may choose where the accounting system lives (baseUrl)');
    if (!isAllowedServiceRoot(system, settings.baseUrl, hosts)) {
      throw invalid(
        'baseUrl',
        `Base URL must be one of the ${label} hosts this deployment allows: ${allowedServiceRoots(system, hosts).join(', ')}`,
      );
    }
  }
  if (owner.kind === 'reseller' && !(await resellers.getReseller(owner.reseller)))
    throw notFound('reseller', 'Reseller not found');

  const [previous, stored] = await Promise.all([
    integrations.getIntegration(owner, system),
    secrets.loadCredentials(owner, system),
  ]);
  // An integration saved at a host the deployment does not allow (before it was checked) is not
  // kept there: without a baseUrl it moves to the default host.
  const previousUrl =
    previous && isAllowedServiceRoot(system, previous.baseUrl, hosts) ? previous.baseUrl : undefined;
  const baseUrl = settings.baseUrl ?? previousUrl ?? defaultServiceRoot(system, hosts);
  const origin = serviceOrigin(baseUrl)!;
  // The host the stored credentials were given for; a secret from before the binding belongs to
  // its integration's (allowed) host.
  const storedFor = stored && (stored.origin ?? (previousUrl && serviceOrigin(previousUrl)));
  const usable = stored && storedFor === origin ? stored.credentials : undefined;

  const fields: readonly string[] = credentialFields[system];
  const given = Object.fromEntries(
    fields.filter((field) => settings[field] !== undefined).map((field) => [field, settings[field]]),
  );
  const credentials = { ...usable, ...given } as Record<string, string>;
  const missing = fields.filter((field) => !credentials[field]);
  if (missing.length > 0) {
    const why = stored
      ? `the credentials were given for another host: moving ${label} to ${origin} needs ${missing.join(', ')} again`
      : `${label} needs ${missing.join(', ')} the first time it is connected`;
    throwIfAny(missing.map((field) => invalid(field, why)));
  }

  const defaultLayoutNumber = settings.defaultLayoutNumber ?? previous?.defaultLayoutNumber;
  const defaultDaysOfCredit = settings.defaultDaysOfCredit ?? previous?.defaultDaysOfCredit;
  const dailyCallAllowance = settings.dailyCallAllowance ?? previous?.dailyCallAllowance;
  const exemptVatCode = settings.exemptVatCode ?? previous?.exemptVatCode;
  const accounting = systems.open(
    system,
    baseUrl,
    credentials as unknown as Credentials,
    defaultLayoutNumber === undefined ? {} : { defaultLayoutNumber },
  );
  let exemptCodeRate: number | undefined;
  try {
    await accounting.verifyCredentials();
    if (exemptVatCode !== undefined) exemptCodeRate = await accounting.vatCodeRate?.(exemptVatCode);
  } catch (error) {
    // The system's own answer goes to the log only: never to the caller.
    log.warn('The accounting system refused the settings check', { system, owner, baseUrl, error });
    throw integrationRefusal(system, error);
  }

  if (exemptVatCode !== undefined && exemptCodeRate === undefined)
    throw invalid(
      'exemptVatCode',
      `VAT code ${exemptVatCode} is not one of the ${label} company’s VAT codes`,
    );
  if (exemptCodeRate !== undefined && exemptCodeRate !== 0) {
    throw invalid(
      'exemptVatCode',
      `VAT code ${exemptVatCode} carries ${exemptCodeRate} % VAT; VAT-exempt lines need a code of 0 %`,
    );
  }

  const now = clock.now().toISOString();
  const saved: IntegrationSettings = {
    system,
    owner,
    baseUrl,
    ...(defaultLayoutNumber === undefined ? {} : { defaultLayoutNumber }),
    ...(defaultDaysOfCredit === undefined ? {} : { defaultDaysOfCredit }),
    ...(dailyCallAllowance === undefined ? {} : { dailyCallAllowance }),
    ...(exemptVatCode === undefined ? {} : { exemptVatCode }),
    autoExport: settings.autoExport ?? previous?.autoExport ?? false,
    maskedCredentials: maskCredentials(system, credentials),
    verifiedAt: now,
    updatedAt: now,
    updatedBy: caller.email ?? caller.userId,
  };
  // Written whenever credentials were given or the secret is not bound to this host yet.
  if (Object.keys(given).length > 0 || stored?.origin !== origin)
    await secrets.saveCredentials(owner, system, {
      credentials: credentials as unknown as Credentials,
      origin,
    });
  await integrations.putIntegration(saved);
  return saved;
};
