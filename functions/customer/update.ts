/**
 * PATCH /customer/{id}: changes the fields given, leaves the others. The owning reseller is fixed
 * for the customer's lifetime: moving a customer would move its invoices' tenant.
 */

import { idPath } from '#api/common';
import { customerDocument } from '#api/documents';
import { notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { customerStore } from '#wiring/store';
import { requireVisibleCustomer } from '../commons/tenancy.ts';
import { patchCustomerBody, presentCustomer } from './schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Change a customer',
    description: 'Changes the fields given and keeps the others.',
    responses: {
      200: { description: 'The customer as it is now', schema: customerDocument },
      404: { description: '`not_found`' },
    },
  },
  path: idPath,
  body: patchCustomerBody,
  handle: async ({ caller, path, body }) => {
    const existing = await requireVisibleCustomer(caller, path.id, 'not_found', 'Not found');
    const finance = body.finance ? { ...existing.finance, ...body.finance } : undefined;
    const updated = await customerStore.updateCustomer(existing.reseller, existing.id, {
      ...body,
      ...(finance ? { finance } : {}),
      updatedAt: new Date().toISOString(),
    });
    if (!updated) throw notFound();
    return { status: 200, json: presentCustomer(updated) };
  },
});
