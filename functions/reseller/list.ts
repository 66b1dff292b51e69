/**
 * GET /reseller: ADMIN pages through every reseller; a RESELLER sees a list of one, itself, so a
 * client can use the same call whatever its role.
 */
import * as z from 'zod';
import { pageQuery } from '#api/common';
import { page, resellerDocument } from '#api/documents';
import { httpHandler } from '#lambda/http-handler';
import { openCursor, sealCursor } from '#lambda/page-cursor';
import { resellerStore } from '#wiring/store';
import { presentReseller } from './present.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'List resellers',
    description: 'ADMIN pages through all resellers; a RESELLER gets itself.',
    responses: { 200: { description: 'A page of resellers', schema: page('resellers', resellerDocument) } },
  },
  query: z.object(pageQuery),
  handle: async ({ caller, query }) => {
    if (caller.role !== 'ADMIN') {
      const own = caller.reseller ? await resellerStore.getReseller(caller.reseller) : undefined;
      return { status: 200, json: { resellers: own ? [presentReseller(own)] : [] } };
    }
    const scope = { list: 'resellers', tenant: 'platform' };
    const page = await resellerStore.listResellers(query.limit, await openCursor(query.cursor, scope));
    return {
      status: 200,
      json: { resellers: page.items.map(presentReseller), cursor: await sealCursor(page.cursor, scope) },
    };
  },
});
