import * as z from 'zod/mini';
import { invoiceNumberings, languages } from '#domain/reseller';

const nextNumberError = 'Next invoice number must be a whole number from 1 to 999999999';

import { accountingSystemId, email, text, wholeNumberIn } from './common.ts';

const resellerFields = {
  name: text('Name is invalid', 200),
  email: email('E-mail is invalid'),
  language: z._default(z.enum(languages, { error: 'Language must be "da" or "en"' }), 'da'),
  finance: z._default(
    z.strictObject({
      accountingEmail: z.optional(email('Accounting e-mail is invalid')),
      // The reseller's customer number in the platform's own books. adminMode exports bill the
      // reseller under it; without a way to set it, no reseller could ever be exported in adminMode.
      accountingSystemId: z.optional(accountingSystemId),
    }),
    {},
  ),
  invoiceNumbering: z
    ._default(
      z.enum(invoiceNumberings, { error: 'Invoice numbering must be "accounting" or "faktura"' }),
      'accounting',
    )
    .check(
      z.describe(
        '`accounting` (default): an invoice is `-1` until the accounting system books it (booking sync brings the number back). `faktura`: each new invoice gets the next number of the reseller’s own series when it is made, unbroken (docs/invoice-numbering.md).',
      ),
    ),
  nextInvoiceNumber: z
    .optional(wholeNumberIn(1, 999_999_999, nextNumberError))
    .check(
      z.describe(
        'With `faktura` numbering: the number of the first invoice (default 1), to continue a series kept elsewhere',
      ),
    ),
};

export const createResellerBody = z.strictObject(resellerFields);

export const patchResellerBody = z
  .strictObject({
    name: z.optional(resellerFields.name),
    email: z.optional(resellerFields.email),
    language: z.optional(z.enum(languages, { error: 'Language must be "da" or "en"' })),
    finance: z.optional(
      z.strictObject({
        accountingEmail: z.optional(email('Accounting e-mail is invalid')),
        accountingSystemId: z.optional(accountingSystemId).check(z.describe('ADMIN only')),
      }),
    ),
    invoiceNumbering: z
      .optional(z.enum(invoiceNumberings, { error: 'Invoice numbering must be "accounting" or "faktura"' }))
      .check(
        z.describe(
          'Switching to `faktura` continues after the highest invoice number already used (or from `nextInvoiceNumber`); switching back to `accounting` keeps where the series stood.',
        ),
      ),
    nextInvoiceNumber: resellerFields.nextInvoiceNumber.check(
      z.describe(
        'With `faktura` numbering: where the series continues. It only moves forward, and never onto a number an invoice carries (422 `nextInvoiceNumber` with the figures).',
      ),
    ),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change', path: ['body'] }));
