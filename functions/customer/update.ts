/**
 * PATCH /customer/{id}: changes the fields given, leaves the others. The owning reseller is fixed
 * for the customer's lifetime: moving a customer would move its invoices' tenant.
 */

import { idPath } from '#api/common';
import { patchCustomerBody } from '#api/customer';
import { updateCustomer } from '#app/catalog/update-customer';
import { presentCustomer } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { customerStore, directoryStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = { customers: customerStore, directory: directoryStore, clock: systemClock };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  path: idPath,
  body: patchCustomerBody,
  handle: async ({ caller, path, body }) => ({
    status: 200,
    json: presentCustomer(await updateCustomer(ports, caller, path.id, body)),
  }),
});
