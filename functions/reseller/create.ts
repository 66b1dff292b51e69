/**
 * POST /reseller: registers a reseller, the tenant every customer, product price and invoice
 * belongs to. Only the platform (ADMIN) creates resellers.
 */
import * as z from 'zod';
import { newId } from '#domain/ids';
import { languages, type Reseller } from '#domain/reseller';
import { httpHandler } from '#lambda/http-handler';
import { putNewReseller } from '#store/resellers';
import { resellerDocument } from '../commons/documents.ts';
import { accountingSystemId, email } from '../commons/schemas.ts';
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
    responses: { 201: { description: 'The new reseller', schema: resellerDocument } },
  },
  body,
  handle: async ({ body }) => {
    const now = new Date().toISOString();
    const reseller: Reseller = { id: newId(), ...body, createdAt: now, updatedAt: now };
    await putNewReseller(reseller);
    return { status: 201, json: presentReseller(reseller) };
  },
});
