/**
 * PUT /integration/{system}/settings: connects a reseller (or, for ADMIN, the platform) to its
 * accounting system. The credentials are tried against the system first (e-conomic GET /self, a
 * Uniconta read) and stored only if they work, in the secret store, never in the table; what is
 * shown back is masked.
 */
import * as z from 'zod';
import { AccountingAuthFailed } from '#accounting/errors';
import {
  type AccountingSystemName,
  type Credentials,
  type IntegrationSettings,
  mask,
} from '#domain/integration';
import { ApiError, invalid, notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { loadCredentials, saveCredentials } from '#store/accounting-credentials';
import { getIntegration, putIntegration } from '#store/integrations';
import { getReseller } from '#store/resellers';
import { defaultBaseUrl, openAccounting } from '../commons/accounting.ts';
import { integrationOwner } from './owner.ts';
import {
  economicSettingsBody,
  label,
  presentSettings,
  settingsDocument,
  unicontaSettingsBody,
} from './settings-schemas.ts';

const path = z.object({ system: z.enum(['economic', 'uniconta'], { error: 'Unknown accounting system' }) });
const body = z.union([economicSettingsBody, unicontaSettingsBody]);

const credentialFields: Record<AccountingSystemName, readonly string[]> = {
  economic: ['appSecretToken', 'agreementGrantToken'],
  uniconta: ['companyId', 'userId', 'password'],
};

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Connect an accounting system',
    description:
      'Stores the settings and, in the secret store, the credentials, after trying them against the accounting system. Credentials omitted are kept. `403 economic` / `403 uniconta` when they do not work.',
    body: z.union([economicSettingsBody, unicontaSettingsBody]),
    responses: {
      200: { description: 'The settings, credentials masked', schema: settingsDocument },
      403: { description: '`economic` / `uniconta`: the credentials do not work; or `access_denied`' },
      404: { description: '`reseller`: Reseller not found' },
    },
  },
  path,
  body,
  handle: async ({ caller, path: { system }, body }) => {
    const schema = system === 'economic' ? economicSettingsBody : unicontaSettingsBody;
    const settings = schema.parse(body) as Record<string, unknown> & {
      reseller?: string;
      platform?: boolean;
    };
    const owner = integrationOwner(caller, settings);
    if (owner.kind === 'reseller' && !(await getReseller(owner.reseller)))
      throw notFound('reseller', 'Reseller not found');

    const stored = await loadCredentials<Credentials>(owner, system);
    const given = Object.fromEntries(
      credentialFields[system].filter((f) => settings[f] !== undefined).map((f) => [f, settings[f]]),
    );
    const credentials = { ...stored, ...given } as Record<string, string>;
    const missing = credentialFields[system].filter((field) => !credentials[field]);
    if (missing.length > 0) {
      throw invalid(
        missing[0]!,
        `${label[system]} needs ${missing.join(', ')} the first time it is connected`,
      );
    }

    const previous = await getIntegration(owner, system);
    const baseUrl = (settings.baseUrl as string | undefined) ?? previous?.baseUrl ?? defaultBaseUrl(system);
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
      if (error instanceof AccountingAuthFailed) {
        throw new ApiError(
          403,
          system,
          `The ${label[system]} integration is not valid: the credentials were refused`,
        );
      }
      throw new ApiError(
        403,
        system,
        `The ${label[system]} integration could not be checked: ${(error as Error).message}`,
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
    if (Object.keys(given).length > 0)
      await saveCredentials(owner, system, credentials as unknown as Credentials);
    await putIntegration(saved);
    return { status: 200, json: presentSettings(saved) };
  },
});
