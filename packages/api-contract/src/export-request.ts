/** The body of `POST /integration/{system}/invoice/draft`: apart from export.ts, whose paths other routes share. */
import * as z from 'zod/mini';
import { objectId } from './common.ts';

const flag = (name: string) => z.optional(z.boolean({ error: `${name} must be true or false` }));

/**
 * The body of docs/seeds/001-economic-export.txt and docs/seeds/000-uniconta-export.txt, every
 * option. The route takes it as the query string too (the seeds' query examples, no body): the kit
 * reads each parameter as its field (`#lambda/query-as-body`).
 */
export const exportRequestBody = z.strictObject({
  reseller: z
    .optional(objectId('Reseller is invalid'))
    .check(z.describe('Whose invoices (default: the caller’s own reseller)')),
  invoiceDate: z
    .optional(z.iso.date({ error: 'Invoice date must be YYYY-MM-DD' }))
    .check(
      z.describe(
        'The first invoice day to export; the export runs to the end of that month. Default: the 1st of the current month',
      ),
    ),
  invoicesToOmit: z.optional(
    z
      .array(objectId('Invoice id is invalid'), { error: 'invoicesToOmit must be a list of invoice ids' })
      .check(z.maxLength(10_000)),
  ),
  groupInvoiceLines: flag('groupInvoiceLines').check(
    z.describe('Merge lines of the same product and period'),
  ),
  layout: z
    .optional(z.number({ error: 'Layout must be a layout number' }).check(z.int(), z.gte(1)))
    .check(z.describe('e-conomic only: one layout for every draft')),
  adminMode: flag('adminMode').check(
    z.describe(
      'ADMIN only: the platform’s invoices to the reseller, at wholesale, into the platform’s books',
    ),
  ),
  externalLicenses: flag('externalLicenses').check(
    z.describe(
      'Export the external-licence lines (their own document, marked apart) instead of the invoice proper',
    ),
  ),
});
