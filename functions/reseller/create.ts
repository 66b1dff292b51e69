/**
 * POST /reseller: registers a reseller, the tenant every customer, product price and invoice
 * belongs to. Only the platform (ADMIN) creates resellers.
 */
import * as z from 'zod';
import { accountingSystemId, email } from '#api/common';
import { resellerDocument } from '#api/documents';
import { newId } from '#domain/ids';
import { languages, type Reseller } from '#domain/reseller';
import { httpHandler } from '#lambda/http-handler';
import { readIdempotencyKey } from '#lambda/idempotency';
import { resellerStore } from '#wiring/store';
import { createOnce, rememberedRequest } from '../commons/idempotency.ts';
import { presentReseller } from './present.ts';

const body = z.strictObject({
  name: z
    .string({ error: 'Name is invalid' })
    .trim()
    .min(1, { error: 'Name is invalid' })
    .max(200, { error: 'Name is invalid' }),
  email: email('E-mail is invalid'),
  language: z.enum(languages, { error: 'Language must be "da" or "en"' }).default('da'),
  finance: z
    .strictObject({
      accountingEmail: email('Accounting e-mail is invalid').optional(),
      // The reseller's customer number in the platform's own books. adminMode exports bill the
      // reseller under it; without a way to set it, no reseller could ever be exported in adminMode.
      accountingSystemId: accountingSystemId.optional(),
    })
    .default({}),
});

export const handler = httpHandler({
  access: ['ADMIN'],
  docs: {
    summary: 'Register a reseller',
    description:
      'With an `Idempotency-Key` a retry answers the first reseller (for 24 hours) instead of registering a second one.',
    idempotencyKey: true,
    responses: { 201: { description: 'The new reseller', schema: resellerDocument } },
  },
  body,
  handle: async ({ caller, body, event }) => {
    const key = readIdempotencyKey(event.headers);
    // Resellers are the platform's: the key is remembered in the platform's partition.
    const idempotency = key ? rememberedRequest({ route: 'POST /reseller', key }, body, caller) : undefined;
    return createOnce(idempotency, async () => {
      const now = new Date().toISOString();
      const reseller: Reseller = { id: newId(), ...body, createdAt: now, updatedAt: now };
      return {
        answer: { status: 201, json: presentReseller(reseller) },
        write: (remember) => resellerStore.putNewReseller(reseller, remember),
      };
    });
  },
});
