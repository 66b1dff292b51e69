/**
 * PUT /integration/{system}/settings: connects a reseller (or, for ADMIN, the platform) to its
 * accounting system. The credentials are tried against the system first (e-conomic GET /self, a
 * Uniconta read) and stored only if they work, in the secret store, never in the table; what is
 * shown back is masked.
 *
 * Where the system lives (`baseUrl`) is the deployment's decision: a RESELLER may not give it at
 * all, an ADMIN only one of the hosts the deployment allows, and the URL is never tried before it
 * is known to be allowed. Credentials are stored with the host they were given for; moving an
 * integration to another host takes every credential again, so stored ones never go to a new host.
 */
import * as z from 'zod';
import { serviceOrigin } from '#domain/accounting-hosts';
import {
  type AccountingSystemName,
  type Credentials,
  type IntegrationSettings,
  mask,
} from '#domain/integration';
import { ApiError, accessDenied, invalid, notFound, throwIfAny } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { logger } from '#lambda/observability';
import { parseWith } from '#lambda/validation';
import { credentialStore } from '#wiring/credential-store';
import { integrationStore, resellerStore } from '#wiring/store';
import { allowedBaseUrls, defaultBaseUrl, isAllowedBaseUrl, openAccounting } from '../commons/accounting.ts';
import { whyUnusable } from '../commons/accounting-refusals.ts';
import { integrationOwner } from './owner.ts';
import {
  economicSettingsBody,
  label,
  presentSettings,
  settingsDocument,
  unicontaSettingsBody,
} from './settings-schemas.ts';

const path = z.object({ system: z.enum(['economic', 'uniconta'], { error: 'Unknown accounting system' }) });

const bodyOf = { economic: economicSettingsBody, uniconta: unicontaSettingsBody } as const;

const credentialFields: Record<AccountingSystemName, readonly string[]> = {
  economic: ['appSecretToken', 'agreementGrantToken'],
  uniconta: ['companyId', 'userId', 'password'],
};

type Settings = Record<string, unknown> & { reseller?: string; platform?: boolean; baseUrl?: string };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Connect an accounting system',
    description:
      'Stores the settings and, in the secret store, the credentials, after trying them against the accounting system. Credentials omitted are kept, unless the integration moves to another host: then every credential must be given again. `baseUrl` is for ADMIN only, and only a host the deployment allows. `403 economic` / `403 uniconta` when the credentials do not work (naming which) or the system cannot be reached.',
    body: z.union([economicSettingsBody, unicontaSettingsBody]),
    responses: {
      200: { description: 'The settings, credentials masked', schema: settingsDocument },
      403: {
        description:
          '`economic` / `uniconta`: the credentials do not work, or the system could not be reached; `access_denied` (a RESELLER giving `baseUrl`)',
      },
      404: { description: '`reseller`: Reseller not found' },
      422: {
        description:
          '`baseUrl`: not a host the deployment allows; a credential field: missing the first time or when the host changes; `body`: a field of the other system',
      },
    },
  },
  path,
  // Either system's fields here; the system's own schema below, so that the other system's fields
  // are a 422 naming them.
  body: z.record(z.string(), z.unknown()),
  handle: async ({ caller, path: { system }, body }) => {
    const settings = parseWith(bodyOf[system], body, 'body') as Settings;
    const owner = integrationOwner(caller, settings);
    if (settings.baseUrl !== undefined) {
      if (caller.role !== 'ADMIN')
        throw accessDenied('Only ADMIN may choose where the accounting system lives (baseUrl)');
      if (!isAllowedBaseUrl(system, settings.baseUrl)) {
        throw invalid(
          'baseUrl',
          `Base URL must be one of the ${label[system]} hosts this deployment allows: ${allowedBaseUrls(system).join(', ')}`,
        );
      }
    }
    if (owner.kind === 'reseller' && !(await resellerStore.getReseller(owner.reseller)))
      throw notFound('reseller', 'Reseller not found');

    const [previous, stored] = await Promise.all([
      integrationStore.getIntegration(owner, system),
      credentialStore.loadCredentials<Credentials>(owner, system),
    ]);
    // An integration saved at a host the deployment does not allow (before it was checked) is not
    // kept there: without a baseUrl it moves to the default host.
    const previousUrl = previous && isAllowedBaseUrl(system, previous.baseUrl) ? previous.baseUrl : undefined;
    const baseUrl = settings.baseUrl ?? previousUrl ?? defaultBaseUrl(system);
    const origin = serviceOrigin(baseUrl)!;
    // The host the stored credentials were given for; a secret from before the binding belongs to
    // its integration's (allowed) host.
    const storedFor = stored && (stored.origin ?? (previousUrl && serviceOrigin(previousUrl)));
    const usable = stored && storedFor === origin ? stored.credentials : undefined;

    const given = Object.fromEntries(
      credentialFields[system].filter((f) => settings[f] !== undefined).map((f) => [f, settings[f]]),
    );
    const credentials = { ...usable, ...given } as Record<string, string>;
    const missing = credentialFields[system].filter((field) => !credentials[field]);
    if (missing.length > 0) {
      const why = stored
        ? `the credentials were given for another host: moving ${label[system]} to ${origin} needs ${missing.join(', ')} again`
        : `${label[system]} needs ${missing.join(', ')} the first time it is connected`;
      throwIfAny(missing.map((field) => invalid(field, why)));
    }

    const defaultLayoutNumber =
      (settings.defaultLayoutNumber as number | undefined) ?? previous?.defaultLayoutNumber;
    try {
      await openAccounting(
        system,
        baseUrl,
        credentials as unknown as Credentials,
        defaultLayoutNumber,
      ).verifyCredentials();
    } catch (error) {
      // The system's own answer goes to the log only: never to the caller.
      logger.warn('The accounting system refused the settings check', {
        system,
        owner,
        baseUrl,
        error: error as Error,
      });
      throw new ApiError(
        403,
        system,
        `The ${label[system]} integration is not valid: ${whyUnusable(system, error)}`,
      );
    }

    const now = new Date().toISOString();
    const saved: IntegrationSettings = {
      system,
      owner,
      baseUrl,
      ...(defaultLayoutNumber === undefined ? {} : { defaultLayoutNumber }),
      autoExport: (settings.autoExport as boolean | undefined) ?? previous?.autoExport ?? false,
      maskedCredentials: Object.fromEntries(
        credentialFields[system].map((field) => [
          field,
          field === 'companyId' || field === 'userId' ? credentials[field]! : mask(credentials[field]!),
        ]),
      ),
      verifiedAt: now,
      updatedAt: now,
      updatedBy: caller.email ?? caller.userId,
    };
    // Written whenever credentials were given or the secret is not bound to this host yet.
    if (Object.keys(given).length > 0 || stored?.origin !== origin)
      await credentialStore.saveCredentials(owner, system, {
        credentials: credentials as unknown as Credentials,
        origin,
      });
    await integrationStore.putIntegration(saved);
    return { status: 200, json: presentSettings(saved) };
  },
});
