/** GET /integration/{system}/settings: the integration as set up, credentials masked. */
import { systemPath } from '#api/export';
import { settingsQuery } from '#api/integration';
import { readIntegration } from '#app/integrations/read-integration';
import { presentSettings } from '#domain/integration';
import { httpHandler } from '#lambda/http-handler';
import { integrationStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  path: systemPath,
  query: settingsQuery,
  handle: async ({ caller, path: { system }, query }) => {
    const settings = await readIntegration({ integrations: integrationStore }, { caller, system, ...query });
    return { status: 200, json: presentSettings(settings) };
  },
});
