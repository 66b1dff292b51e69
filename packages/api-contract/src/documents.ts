import * as z from 'zod/mini';
import { recurrences } from '#domain/current-item';
import { exportStatuses } from '#domain/export-job';
import { objectIdPattern } from '#domain/ids';
import { accountingSystems } from '#domain/integration';
import { productKinds, unitTypes } from '#domain/product';
import { invoiceNumberings, languages } from '#domain/reseller';

/**
 * What the API answers, as zod schemas: the API reference is generated from them, and the
 * end-to-end tests parse real responses with them, so the reference cannot promise what the API
 * does not do. Fields a role may not see are optional here and absent in the answer.
 */
const id = z.string().check(z.regex(objectIdPattern));
const instant = z.string().check(z.describe('ISO 8601 instant, UTC'));
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.describe('Calendar date, YYYY-MM-DD'));
const amount = z.number().check(z.describe('Amount in DKK, exact to the øre'));

export const resellerDocument = z.object({
  _id: id,
  name: z.string(),
  email: z.string(),
  language: z.enum(languages).check(z.describe('Language of e-mails and of documents by default')),
  finance: z.object({
    accountingEmail: z.optional(z.string()).check(z.describe('Where export reports go')),
    accountingSystemId: z
      .optional(z.string())
      .check(z.describe('The reseller’s customer number in the platform’s own books')),
  }),
  invoiceNumbering: z.optional(z.enum(invoiceNumberings)).check(z.describe('Absent: `accounting`')),
  nextInvoiceNumber: z
    .optional(z.number())
    .check(z.describe('`faktura` numbering: the next invoice’s number')),
  createdAt: instant,
  updatedAt: instant,
});

export const customerDocument = z.object({
  _id: id,
  reseller: id,
  name: z.string(),
  email: z.optional(z.string()),
  phone: z.optional(z.string()),
  address: z.optional(
    z.object({
      street: z.optional(z.string()),
      zip: z.optional(z.string()),
      city: z.optional(z.string()),
      country: z.optional(z.string()),
    }),
  ),
  language: z.optional(z.enum(languages)),
  finance: z.object({
    accountingSystemId: z
      .optional(z.string())
      .check(
        z.describe(
          'The customer number (e-conomic) or account (Uniconta) in the reseller’s accounting system',
        ),
      ),
  }),
  createdAt: instant,
  updatedAt: instant,
});

export const productDocument = z.object({
  _id: id,
  productCode: z.string().check(z.describe('The product number in the accounting systems')),
  name: z.string(),
  description: z.optional(z.string()),
  unitType: z.enum(unitTypes),
  unitCost: z.optional(z.number()).check(z.describe('ADMIN only')),
  unitWholesale: z.optional(z.number()).check(z.describe('RESELLER and ADMIN only')),
  unitPrice: z.number(),
  vatExempt: z.boolean(),
  kind: z.enum(productKinds),
  included: z
    .boolean()
    .check(z.describe('Included in another subscription: free, hidden on invoices unless asked for')),
  externalLicense: z
    .boolean()
    .check(z.describe('Billed for a third party: a separate document of the invoice')),
  barred: z.boolean().check(z.describe('May not be used on new invoice lines')),
  createdAt: instant,
  updatedAt: instant,
});

export const currentItemDocument = z.object({
  _id: id,
  reseller: id,
  customer: id,
  product: id,
  units: z.number().check(z.describe('Negative for a credit')),
  unitCost: z.optional(z.number()).check(z.describe('Override, ADMIN only')),
  unitWholesale: z.optional(z.number()).check(z.describe('Override, RESELLER and ADMIN only')),
  unitPrice: z.optional(z.number()).check(z.describe('Override')),
  description: z.optional(z.string()),
  from: z.optional(day),
  to: z.optional(day),
  recurrence: z.enum(recurrences),
  locked: z.boolean(),
  fullMonth: z.boolean(),
  createdAt: instant,
});

const totals = {
  subTotalCost: z.optional(amount).check(z.describe('ADMIN only')),
  subTotalWholesale: z.optional(amount).check(z.describe('RESELLER and ADMIN only')),
  subTotal: amount.check(
    z.describe('Sum of the line amounts (units × unit price, each rounded half-up to øre)'),
  ),
  vatCost: z.optional(amount).check(z.describe('ADMIN only')),
  vatWholesale: z.optional(amount).check(z.describe('RESELLER and ADMIN only')),
  vat: amount.check(z.describe('25 % of the sum of the non-exempt line amounts, rounded once')),
  total: amount,
};

const invoiceHeader = {
  _id: id,
  customer: id,
  sent: z.boolean(),
  invoiceNumber: z.string().check(z.describe('"-1" while the accounting system has yet to set it')),
  period: z.boolean().check(z.describe('True for the monthly period invoice')),
  invoiceDate: instant.check(z.describe('The start of the invoice day in Copenhagen, as a UTC instant')),
  dueDate: z.optional(instant),
  paid: z.boolean(),
  headline: z.optional(z.string()),
};

export const invoiceLineDocument = z.object({
  product: id,
  productCode: z.string(),
  name: z.string(),
  description: z.optional(z.string()),
  units: z.number(),
  type: z.enum(unitTypes),
  unitCost: z.optional(z.number()).check(z.describe('ADMIN only')),
  unitWholesale: z.optional(z.number()).check(z.describe('RESELLER and ADMIN only')),
  unitPrice: z.number(),
  vatExempt: z.boolean(),
  from: z.optional(day),
  to: z.optional(day),
});

/** Present only on an answer that carries part of the lines (a very large invoice, or asked for). */
export const linesPageDocument = z
  .object({
    offset: z.number().check(z.int(), z.describe('Index of the first line in this answer')),
    count: z.number().check(z.int(), z.describe('Lines in this answer')),
    total: z.number().check(z.int(), z.describe('Lines of the invoice (after selection and grouping)')),
    nextOffset: z
      .optional(z.number().check(z.int()))
      .check(z.describe('Ask again with linesOffset=nextOffset for the next lines; absent on the last page')),
  })
  .check(z.describe('Which of the lines this answer carries; the totals are always the whole invoice’s'));

export const invoiceDocument = z.object({
  ...invoiceHeader,
  lines: z.array(invoiceLineDocument),
  ...totals,
  linesPage: z.optional(linesPageDocument),
});

export const invoiceListDocument = z.object({
  invoices: z.array(z.object({ ...invoiceHeader, lineCount: z.number().check(z.int()), ...totals })),
  offset: z.number().check(z.int()),
  limit: z.number().check(z.int()),
  more: z.boolean().check(z.describe('True when there are invoices after this page')),
});

/** GET /invoices/export: an invoice as the caller's role sees it (its lines with `includes[]=lines`), and what export tracking adds. */
export const unexportedPageDocument = z.object({
  invoices: z.array(
    z.object({
      ...invoiceHeader,
      lineCount: z.optional(z.number().check(z.int())).check(z.describe('Without `includes[]=lines`')),
      lines: z.optional(z.array(invoiceLineDocument)).check(z.describe('With `includes[]=lines`')),
      ...totals,
      linesPage: z.optional(linesPageDocument),
      created_at: instant,
      updated_at: instant,
      booked: z.boolean().check(z.describe('Sent to the customer')),
      exported_at: z
        .nullable(instant)
        .check(z.describe('When the system last marked it (with `not_exported_since`); null when never')),
    }),
  ),
  cursor: z.optional(z.string()).check(z.describe('Ask again with it for the rest; absent on the last page')),
});

/** POST /invoices/mark-as-exported: the marks written. */
export const marksDocument = z.object({
  marked: z.array(z.object({ invoice_id: id, system_id: z.string(), exported_at: instant })),
});

/** GET /invoices/export/systems: the systems that pull, oldest first, and how many may. */
export const exportSystemsDocument = z.object({
  systems: z.array(z.object({ system_id: z.string(), registered_at: instant })),
  limit: z.number().check(z.int()),
});

export const timelineDocument = z.object({
  invoice: id,
  timeline: z.array(
    z.object({
      at: instant,
      event: z.string().check(z.describe('created, exported, export-deleted, marked-exported, …')),
      by: z.optional(z.string()),
      system: z.optional(z.string()),
      note: z.optional(z.string()),
      detail: z.optional(z.record(z.string(), z.unknown())),
    }),
  ),
});

export const page = <T extends z.ZodMiniType>(name: string, item: T) =>
  z.object({
    [name]: z.array(item),
    cursor: z.optional(z.string()).check(z.describe('Give it back as `cursor` for the next page')),
  });

/** POST /integration/{system}/invoice/draft: the export accepted. */
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

export const settingsDocument = z.object({
  system: z.enum(accountingSystems),
  owner: z.union([
    z.object({ kind: z.literal('reseller'), reseller: z.string() }),
    z.object({ kind: z.literal('platform') }),
  ]),
  baseUrl: z.string(),
  defaultLayoutNumber: z.optional(z.number()),
  defaultDaysOfCredit: z.optional(z.number()),
  dailyCallAllowance: z.optional(z.number()),
  exemptVatCode: z.optional(z.string()),
  autoExport: z.boolean(),
  credentials: z.record(z.string(), z.string()).check(z.describe('Masked: never the values themselves')),
  verifiedAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.optional(z.string()),
});

export const bookingSyncDocument = z.object({
  owner: z.union([
    z.object({ kind: z.literal('reseller'), reseller: z.string() }),
    z.object({ kind: z.literal('platform') }),
  ]),
  system: z.enum(accountingSystems),
  at: z.string().check(z.describe('When the run began')),
  drafts: z.number().check(z.describe('Exported drafts of the last months followed')),
  found: z.number().check(z.describe('Of those, found booked')),
  updated: z.number().check(z.describe('Invoices changed: number, sent, paid, timeline, or export reopened')),
  deleted: z
    .number()
    .check(
      z.describe('Drafts deleted by hand in the accounting system: their invoices may be exported again'),
    ),
  unmatched: z
    .array(z.object({ invoiceNumber: z.string(), reference: z.optional(z.string()) }))
    .check(
      z.describe(
        'Booked invoices carrying a Faktura reference that match no exported draft, or several (at most 50)',
      ),
    ),
  errors: z.array(z.string()).check(z.describe('What went wrong; empty when the run went well')),
});
