/** GET /integration/{system}/settings: the integration as set up, credentials masked. */
import * as z from 'zod';
import { notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { integrationStore } from '#wiring/store';
import { integrationOwner } from './owner.ts';
import { presentSettings, settingsDocument, settingsQuery } from './settings-schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Read the accounting integration',
    responses: {
      200: { description: 'The settings, credentials masked', schema: settingsDocument },
      404: { description: '`not_found`: not set up' },
    },
  },
  path: z.object({ system: z.enum(['economic', 'uniconta'], { error: 'Unknown accounting system' }) }),
  query: settingsQuery,
  handle: async ({ caller, path: { system }, query }) => {
    const owner = integrationOwner(caller, { reseller: query.reseller, platform: query.platform === 'true' });
    const settings = await integrationStore.getIntegration(owner, system);
    if (!settings) throw notFound('not_found', `No ${system} integration is set up`);
    return { status: 200, json: presentSettings(settings) };
  },
});
