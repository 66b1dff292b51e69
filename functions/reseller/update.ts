/**
 * PATCH /reseller/{id}: changes the fields given, leaves the others. ADMIN changes any reseller, a
 * RESELLER only itself (another's id is a 404, as for GET). Changing `invoiceNumbering` or
 * `nextInvoiceNumber` is how a reseller moves to its own series, or continues one from another
 * number, later than its registration: the series only moves forward and never onto a number
 * used (docs/invoice-numbering.md).
 */

import { idPath } from '#api/common';
import { patchResellerBody } from '#api/reseller';
import { updateReseller } from '#app/catalog/update-reseller';
import { presentReseller } from '#domain/catalog-documents';
import { httpHandler } from '#lambda/http-handler';
import { resellerStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

const ports = { resellers: resellerStore, clock: systemClock };

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  path: idPath,
  body: patchResellerBody,
  handle: async ({ caller, path, body }) => ({
    status: 200,
    json: presentReseller(await updateReseller(ports, caller, path.id, body)),
  }),
});
