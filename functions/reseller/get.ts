/**
 * GET /reseller/{id}: ADMIN reads any reseller, a RESELLER only itself. Another tenant's id is a
 * 404, exactly like an id that does not exist, so that ids of other tenants cannot be probed.
 */

import { idPath } from '#api/common';
import { getReseller } from '#app/catalog/get-reseller';
import { presentReseller } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { resellerReadStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  path: idPath,
  handle: async ({ caller, path }) => ({
    status: 200,
    json: presentReseller(await getReseller({ resellers: resellerReadStore }, caller, path.id)),
  }),
});
