/** GET /customer/{id}: ADMIN any, a RESELLER its own customers, a USER only its own customer. */

import { idPath } from '#api/common';
import { getCustomer } from '#app/catalog/get-customer';
import { presentCustomer } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { customerReadStore, directoryStore } from '#wiring/store';

const ports = { customers: customerReadStore, directory: directoryStore };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER', 'USER'],
  path: idPath,
  handle: async ({ caller, path }) => ({
    status: 200,
    json: presentCustomer(await getCustomer(ports, caller, path.id)),
  }),
});
