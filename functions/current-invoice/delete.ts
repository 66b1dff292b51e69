/**
 * DELETE /invoice/current/{id}: takes an item off the current invoice. Deleting an item that is
 * already gone is a 404, so a client can tell "removed now" from "was never (or no longer) there".
 */

import { idPath } from '#api/common';
import { notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { currentItemStore, directoryStore } from '#wiring/store';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Take an item off the current invoice',
    responses: {
      204: { description: 'Deleted' },
      404: { description: '`not_found`: no such item (or already billed)' },
    },
  },
  path: idPath,
  handle: async ({ caller, path }) => {
    const entry = await directoryStore.lookUp(path.id, 'current-item');
    if (!entry || (caller.role !== 'ADMIN' && entry.reseller !== caller.reseller)) throw notFound();
    if (
      !(await currentItemStore.deleteCurrentItem({
        id: entry.id,
        reseller: entry.reseller,
        customer: entry.customer!,
      }))
    )
      throw notFound();
    return { status: 204, text: '', contentType: 'text/plain' };
  },
});
