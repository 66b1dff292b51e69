import * as z from 'zod';
import { invoiceNumberings, languages } from '#domain/reseller';

const nextNumberError = 'Next invoice number must be a whole number from 1 to 999999999';

import { accountingSystemId, email, text } from './common.ts';

const resellerFields = {
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
  invoiceNumbering: z
    .enum(invoiceNumberings, { error: 'Invoice numbering must be "accounting" or "faktura"' })
    .default('accounting')
    .describe(
      '`accounting` (default): an invoice is `-1` until the accounting system books it (booking sync brings the number back). `faktura`: each new invoice gets the next number of the reseller’s own series when it is made, unbroken (docs/invoice-numbering.md).',
    ),
  nextInvoiceNumber: z
    .number({ error: nextNumberError })
    .int({ error: nextNumberError })
    .min(1, { error: nextNumberError })
    .max(999_999_999, { error: nextNumberError })
    .optional()
    .describe(
      'With `faktura` numbering: the number of the first invoice (default 1), to continue a series kept elsewhere',
    ),
};

export const createResellerBody = z.strictObject(resellerFields);

export const patchResellerBody = z
  .strictObject({
    name: resellerFields.name.optional(),
    email: resellerFields.email.optional(),
    language: z.enum(languages, { error: 'Language must be "da" or "en"' }).optional(),
    finance: z
      .strictObject({
        accountingEmail: email('Accounting e-mail is invalid').optional(),
        accountingSystemId: accountingSystemId.optional().describe('ADMIN only'),
      })
      .optional(),
    invoiceNumbering: z
      .enum(invoiceNumberings, { error: 'Invoice numbering must be "accounting" or "faktura"' })
      .optional()
      .describe(
        'Switching to `faktura` continues after the highest invoice number already used (or from `nextInvoiceNumber`); switching back to `accounting` keeps where the series stood.',
      ),
    nextInvoiceNumber: resellerFields.nextInvoiceNumber.describe(
      'With `faktura` numbering: where the series continues. It only moves forward, and never onto a number an invoice carries (422 `nextInvoiceNumber` with the figures).',
    ),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change', path: ['body'] });
