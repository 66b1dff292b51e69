/**
 * PUT /integration/{system}/settings: connects a reseller (or, for ADMIN, the platform) to its
 * accounting system (packages/app/src/integrations/connect-integration.ts).
 */
import { systemPath } from '#api/export';
import { settingsBodies } from '#api/integration-settings';
import { connectIntegration } from '#app/integrations/connect-integration';
import { presentSettings } from '#domain/integration';
import { bodyByPath, httpHandler } from '#lambda/http-handler';
import { log } from '#lambda/observability';
import { accountingReaders } from '#wiring/accounting-readers';
import { credentialStore } from '#wiring/credential-store';
import { integrationStore, resellerReadStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = {
  integrations: integrationStore,
  credentials: credentialStore,
  resellers: resellerReadStore,
  systems: accountingReaders,
  clock: systemClock,
  log,
};

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  path: systemPath,
  // Each system its own fields: the other system's are a 422 naming them.
  body: bodyByPath('system', settingsBodies),
  handle: async ({ caller, path: { system }, body }) => {
    const saved = await connectIntegration(ports, { caller, system, settings: body });
    return { status: 200, json: presentSettings(saved) };
  },
});
