/**
 * GET /reseller/{id}: ADMIN reads any reseller, a RESELLER only itself. Another tenant's id is a
 * 404, exactly like an id that does not exist, so that ids of other tenants cannot be probed.
 */

import { idPath } from '#api/common';
import { resellerDocument } from '#api/documents';
import { notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { resellerStore } from '#wiring/store';
import { presentReseller } from './present.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Read a reseller',
    responses: {
      200: { description: 'The reseller', schema: resellerDocument },
      404: { description: '`not_found`: no such reseller, or not the caller’s' },
    },
  },
  path: idPath,
  handle: async ({ caller, path }) => {
    if (caller.role !== 'ADMIN' && caller.reseller !== path.id) throw notFound();
    const reseller = await resellerStore.getReseller(path.id);
    if (!reseller) throw notFound();
    return { status: 200, json: presentReseller(reseller) };
  },
});
