/**
 * POST /customer: a reseller adds one of its customers; ADMIN adds a customer to any reseller
 * and must say which. The customer's accounting-system id links its invoices to the reseller's
 * books when they are exported.
 */

import { customerDocument } from '#api/documents';
import type { Customer } from '#domain/customer';
import { newId } from '#domain/ids';
import { accessDenied, invalid, notFound } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey } from '#lambda/idempotency';
import { customerStore, resellerStore } from '#wiring/store';
import { createOnce, rememberedRequest } from '../commons/idempotency.ts';
import { createCustomerBody, presentCustomer } from './schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Add a customer',
    description:
      'A RESELLER adds to itself; ADMIN names the `reseller`. With an `Idempotency-Key` a retry answers the first customer (for 24 hours) instead of adding a second one.',
    idempotencyKey: true,
    responses: {
      201: { description: 'The new customer', schema: customerDocument },
      404: { description: '`reseller`: Reseller not found' },
    },
  },
  body: createCustomerBody,
  handle: async ({ caller, body, event }) => {
    const { reseller: requested, ...fields } = body;
    if (caller.role === 'ADMIN' && !requested) throw invalid('reseller', 'Reseller is required for ADMIN');
    if (caller.role === 'RESELLER' && requested && requested !== caller.reseller) throw accessDenied();
    const reseller = requested ?? caller.reseller!;
    const key = readIdempotencyKey(event.headers);
    const idempotency = key
      ? rememberedRequest({ reseller, route: 'POST /customer', key }, body, caller)
      : undefined;
    return createOnce(idempotency, async () => {
      if (!(await resellerStore.getReseller(reseller))) throw notFound('reseller', 'Reseller not found');
      const now = new Date().toISOString();
      const customer: Customer = { id: newId(), reseller, ...fields, createdAt: now, updatedAt: now };
      return {
        answer: { status: 201, json: presentCustomer(customer) },
        write: (remember) => customerStore.putNewCustomer(customer, remember),
      };
    });
  },
});
