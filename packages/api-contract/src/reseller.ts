import * as z from 'zod';
import { languages } from '#domain/reseller';
import { accountingSystemId, email, text } from './common.ts';

export const createResellerBody = z.strictObject({
  name: text('Name is invalid', 200),
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
