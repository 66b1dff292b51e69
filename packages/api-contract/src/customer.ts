import * as z from 'zod';
import { languages } from '#domain/reseller';
import { accountingSystemId, email, objectId, text } from './common.ts';

const address = z.strictObject({
  street: text('Street is invalid', 200).optional(),
  zip: text('Zip code is invalid', 20).optional(),
  city: text('City is invalid', 100).optional(),
  country: z
    .string({ error: 'Country must be a two-letter ISO code' })
    .regex(/^[A-Z]{2}$/, { error: 'Country must be a two-letter ISO code' })
    .optional(),
});

export const customerFields = {
  name: text('Name is invalid', 200),
  email: email('E-mail is invalid').optional(),
  phone: text('Phone is invalid', 30).optional(),
  address: address.optional(),
  language: z.enum(languages, { error: 'Language must be "da" or "en"' }).optional(),
  finance: z.strictObject({ accountingSystemId: accountingSystemId.optional() }).optional(),
};

export const createCustomerBody = z.strictObject({
  ...customerFields,
  reseller: objectId('Reseller is invalid').optional(),
  finance: z.strictObject({ accountingSystemId: accountingSystemId.optional() }).default({}),
});

export const patchCustomerBody = z
  .strictObject({
    name: customerFields.name.optional(),
    email: customerFields.email,
    phone: customerFields.phone,
    address: customerFields.address,
    language: customerFields.language,
    finance: customerFields.finance,
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change', path: ['body'] });
