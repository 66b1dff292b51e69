/**
 * DELETE /invoice/current/{id}: takes an item off the current invoice. Deleting an item that is
 * already gone is a 404, so a client can tell "removed now" from "was never (or no longer) there".
 */

import { idPath } from '#api/common';
import { deleteCurrentItem } from '#app/current-items/delete-current-item';
import { httpHandler } from '#lambda/http-handler';
import { currentItemStore, directoryStore } from '#wiring/store';

const ports = { directory: directoryStore, currentItems: currentItemStore };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  path: idPath,
  handle: async ({ caller, path }) => {
    await deleteCurrentItem(ports, caller, path.id);
    return { status: 204, text: '', contentType: 'text/plain' };
  },
});
