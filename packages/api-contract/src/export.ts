/** The export routes' contract: `POST /integration/{system}/invoice/draft`, `GET /integration/exports/{exportId}`, the queue's message. */
import * as z from 'zod';
import { exportStatuses } from '#domain/export-job';
import { accountingSystems } from '#domain/integration';
import { objectId } from './common.ts';

export const accountingSystem = z.enum(accountingSystems, { error: 'Unknown accounting system' });

export const systemPath = z.object({ system: accountingSystem });

export const exportPath = z.object({
  exportId: objectId('Id not found in request URI: expected a 24-character hex id'),
});

const flag = (name: string) => z.boolean({ error: `${name} must be true or false` }).optional();

/**
 * The body of docs/seeds/001-economic-export.txt and docs/seeds/000-uniconta-export.txt, every
 * option. The route takes it as the query string too (the seeds' query examples, no body): the kit
 * reads each parameter as its field (`#lambda/query-as-body`).
 */
export const exportRequestBody = z.strictObject({
  reseller: objectId('Reseller is invalid')
    .optional()
    .describe('Whose invoices (default: the caller’s own reseller)'),
  invoiceDate: z.iso
    .date({ error: 'Invoice date must be YYYY-MM-DD' })
    .optional()
    .describe(
      'The first invoice day to export; the export runs to the end of that month. Default: the 1st of the current month',
    ),
  invoicesToOmit: z
    .array(objectId('Invoice id is invalid'), { error: 'invoicesToOmit must be a list of invoice ids' })
    .max(10_000)
    .optional(),
  groupInvoiceLines: flag('groupInvoiceLines').describe('Merge lines of the same product and period'),
  layout: z
    .number({ error: 'Layout must be a layout number' })
    .int()
    .min(1)
    .optional()
    .describe('e-conomic only: one layout for every draft'),
  adminMode: flag('adminMode').describe(
    'ADMIN only: the platform’s invoices to the reseller, at wholesale, into the platform’s books',
  ),
  externalLicenses: flag('externalLicenses').describe(
    'Export the external-licence lines (their own document, marked apart) instead of the invoice proper',
  ),
});

export const exportAnswer = z.object({
  success: z.boolean(),
  total: z.number().int().describe('Invoices that match, omitted ones included'),
  exported: z.number().int().describe('Invoices accepted for export (total minus omitted)'),
  exportId: z.string().describe('The export job: GET /integration/exports/{exportId}'),
});

export const exportDocument = z.object({
  exportId: z.string(),
  reseller: z.string(),
  system: z.enum(accountingSystems),
  status: z.enum(exportStatuses),
  options: z.record(z.string(), z.unknown()),
  total: z.number().int(),
  exported: z.number().int(),
  drafts: z.object({
    created: z.number().int().describe('Drafts that exist in the accounting system now'),
    deleted: z.number().int().describe('Drafts deleted again by the compensation'),
  }),
  invoices: z.array(
    z.object({
      invoice: z.string(),
      state: z.enum(['creating', 'created', 'deleted', 'already-gone']),
      draftNumber: z.string().optional(),
      at: z.string(),
    }),
  ),
  failure: z.object({ reason: z.string(), invoice: z.string().optional() }).optional(),
  requestedBy: z.object({ userId: z.string(), email: z.string().optional() }),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  requeued: z
    .number()
    .int()
    .optional()
    .describe('How often the export was queued again because it had not started (absent: never)'),
  requeuedAt: z.string().optional(),
});
