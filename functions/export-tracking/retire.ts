/**
 * DELETE /invoices/export/systems?system_id=X: retires a system that pulls the caller's invoices,
 * freeing its place under the limit. Its marks stay on the invoices (they are their history): if
 * it asks again, it is registered anew and lists every invoice it never marked.
 */
import * as z from 'zod';
import { objectId } from '#api/common';
import { notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { exportSystemStore } from '#wiring/store';
import { resellerOf } from './register.ts';
import { systemId, systemsDescription } from './schemas.ts';

const query = z.strictObject({ system_id: systemId, reseller: objectId('Reseller is invalid').optional() });

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Retire a system that pulls the invoices (export tracking)',
    description: [systemsDescription, 'An ADMIN names the reseller with `reseller`.'].join('\n\n'),
    responses: {
      204: { description: 'Retired' },
      404: { description: '`system_id`: the reseller has no such system' },
    },
  },
  query,
  handle: async ({ caller, query }) => {
    const reseller = resellerOf(caller, query.reseller);
    if (!(await exportSystemStore.retireExportSystem(reseller, query.system_id)))
      throw notFound('system_id', `No system ${query.system_id} pulls this reseller’s invoices`);
    return { status: 204, text: '', contentType: 'text/plain' };
  },
});
