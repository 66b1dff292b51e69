/** The export routes' contract: `POST /integration/{system}/invoice/draft`, `GET /integration/exports/{exportId}`, the queue's message. */
import * as z from 'zod/mini';
import { exportStatuses } from '#domain/export-job';
import { accountingSystems } from '#domain/integration';
import { objectId } from './common.ts';

export const accountingSystem = z.enum(accountingSystems, { error: 'Unknown accounting system' });

export const systemPath = z.object({ system: accountingSystem });

export const exportPath = z.object({
  exportId: objectId('Id not found in request URI: expected a 24-character hex id'),
});

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

export const exportAnswer = z.object({
  success: z.boolean(),
  total: z.number().check(z.int(), z.describe('Invoices that match, omitted ones included')),
  exported: z.number().check(z.int(), z.describe('Invoices accepted for export (total minus omitted)')),
  exportId: z.string().check(z.describe('The export job: GET /integration/exports/{exportId}')),
});

export const exportDocument = z.object({
  exportId: z.string(),
  reseller: z.string(),
  system: z.enum(accountingSystems),
  status: z.enum(exportStatuses),
  options: z.record(z.string(), z.unknown()),
  total: z.number().check(z.int()),
  exported: z.number().check(z.int()),
  drafts: z.object({
    created: z.number().check(z.int(), z.describe('Drafts that exist in the accounting system now')),
    deleted: z.number().check(z.int(), z.describe('Drafts deleted again by the compensation')),
  }),
  invoices: z.array(
    z.object({
      invoice: z.string(),
      state: z.enum(['creating', 'created', 'deleted', 'already-gone']),
      draftNumber: z.optional(z.string()),
      at: z.string(),
    }),
  ),
  failure: z.optional(z.object({ reason: z.string(), invoice: z.optional(z.string()) })),
  requestedBy: z.object({ userId: z.string(), email: z.optional(z.string()) }),
  createdAt: z.string(),
  startedAt: z.optional(z.string()),
  finishedAt: z.optional(z.string()),
  requeued: z
    .optional(z.number().check(z.int()))
    .check(z.describe('How often the export was queued again because it had not started (absent: never)')),
  requeuedAt: z.optional(z.string()),
});
