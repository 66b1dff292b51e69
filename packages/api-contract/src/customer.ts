import * as z from 'zod/mini';
import { languages } from '#domain/reseller';
import { accountingSystemId, email, objectId, text } from './common.ts';

const address = z.strictObject({
  street: z.optional(text('Street is invalid', 200)),
  zip: z.optional(text('Zip code is invalid', 20)),
  city: z.optional(text('City is invalid', 100)),
  country: z.optional(
    z
      .string({ error: 'Country must be a two-letter ISO code' })
      .check(z.regex(/^[A-Z]{2}$/, { error: 'Country must be a two-letter ISO code' })),
  ),
});

export const customerFields = {
  name: text('Name is invalid', 200),
  email: z.optional(email('E-mail is invalid')),
  phone: z.optional(text('Phone is invalid', 30)),
  address: z.optional(address),
  language: z.optional(z.enum(languages, { error: 'Language must be "da" or "en"' })),
  finance: z.optional(z.strictObject({ accountingSystemId: z.optional(accountingSystemId) })),
};

export const createCustomerBody = z.strictObject({
  ...customerFields,
  reseller: z.optional(objectId('Reseller is invalid')),
  finance: z._default(z.strictObject({ accountingSystemId: z.optional(accountingSystemId) }), {}),
});

export const patchCustomerBody = z
  .strictObject({
    name: z.optional(customerFields.name),
    email: customerFields.email,
    phone: customerFields.phone,
    address: customerFields.address,
    language: customerFields.language,
    finance: customerFields.finance,
  })
  .check(z.refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change', path: ['body'] }));
