/**
 * GET /reseller: ADMIN pages through every reseller; a RESELLER sees a list of one, itself, so a
 * client can use the same call whatever its role.
 */
import * as z from 'zod/mini';
import { pageQuery } from '#api/common';
import { listResellers } from '#app/catalog/list-resellers';
import { presentReseller } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { openCursor, sealCursor } from '#lambda/page-cursor';
import { resellerListingStore, resellerReadStore } from '#wiring/store';

const ports = {
  resellers: { ...resellerReadStore, ...resellerListingStore },
  cursors: { open: openCursor, seal: sealCursor },
};

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  query: z.object(pageQuery),
  handle: async ({ caller, query }) => {
    const { items, cursor } = await listResellers(ports, caller, query);
    return { status: 200, json: { resellers: items.map(presentReseller), cursor } };
  },
});
