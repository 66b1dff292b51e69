import * as z from 'zod';
import { recurrences } from '#domain/current-item';
import { objectIdPattern } from '#domain/ids';
import { productKinds, unitTypes } from '#domain/product';
import { invoiceNumberings, languages } from '#domain/reseller';

/**
 * What the API answers, as zod schemas: the API reference is generated from them, and the
 * end-to-end tests parse real responses with them, so the reference cannot promise what the API
 * does not do. Fields a role may not see are optional here and absent in the answer.
 */
const id = z.string().regex(objectIdPattern);
const instant = z.string().describe('ISO 8601 instant, UTC');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('Calendar date, YYYY-MM-DD');
const amount = z.number().describe('Amount in DKK, exact to the øre');

export const resellerDocument = z.object({
  _id: id,
  name: z.string(),
  email: z.string(),
  language: z.enum(languages).describe('Language of e-mails and of documents by default'),
  finance: z.object({
    accountingEmail: z.string().optional().describe('Where export reports go'),
    accountingSystemId: z
      .string()
      .optional()
      .describe('The reseller’s customer number in the platform’s own books'),
  }),
  invoiceNumbering: z.enum(invoiceNumberings).optional().describe('Absent: `accounting`'),
  nextInvoiceNumber: z.number().optional().describe('`faktura` numbering: the next invoice’s number'),
  createdAt: instant,
  updatedAt: instant,
});

export const customerDocument = z.object({
  _id: id,
  reseller: id,
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z
    .object({
      street: z.string().optional(),
      zip: z.string().optional(),
      city: z.string().optional(),
      country: z.string().optional(),
    })
    .optional(),
  language: z.enum(languages).optional(),
  finance: z.object({
    accountingSystemId: z
      .string()
      .optional()
      .describe('The customer number (e-conomic) or account (Uniconta) in the reseller’s accounting system'),
  }),
  createdAt: instant,
  updatedAt: instant,
});

export const productDocument = z.object({
  _id: id,
  productCode: z.string().describe('The product number in the accounting systems'),
  name: z.string(),
  description: z.string().optional(),
  unitType: z.enum(unitTypes),
  unitCost: z.number().optional().describe('ADMIN only'),
  unitWholesale: z.number().optional().describe('RESELLER and ADMIN only'),
  unitPrice: z.number(),
  vatExempt: z.boolean(),
  kind: z.enum(productKinds),
  included: z
    .boolean()
    .describe('Included in another subscription: free, hidden on invoices unless asked for'),
  externalLicense: z.boolean().describe('Billed for a third party: a separate document of the invoice'),
  barred: z.boolean().describe('May not be used on new invoice lines'),
  createdAt: instant,
  updatedAt: instant,
});

export const currentItemDocument = z.object({
  _id: id,
  reseller: id,
  customer: id,
  product: id,
  units: z.number().describe('Negative for a credit'),
  unitCost: z.number().optional().describe('Override, ADMIN only'),
  unitWholesale: z.number().optional().describe('Override, RESELLER and ADMIN only'),
  unitPrice: z.number().optional().describe('Override'),
  description: z.string().optional(),
  from: day.optional(),
  to: day.optional(),
  recurrence: z.enum(recurrences),
  locked: z.boolean(),
  fullMonth: z.boolean(),
  createdAt: instant,
});

const totals = {
  subTotalCost: amount.optional().describe('ADMIN only'),
  subTotalWholesale: amount.optional().describe('RESELLER and ADMIN only'),
  subTotal: amount.describe('Sum of the line amounts (units × unit price, each rounded half-up to øre)'),
  vatCost: amount.optional().describe('ADMIN only'),
  vatWholesale: amount.optional().describe('RESELLER and ADMIN only'),
  vat: amount.describe('25 % of the sum of the non-exempt line amounts, rounded once'),
  total: amount,
};

const invoiceHeader = {
  _id: id,
  customer: id,
  sent: z.boolean(),
  invoiceNumber: z.string().describe('"-1" while the accounting system has yet to set it'),
  period: z.boolean().describe('True for the monthly period invoice'),
  invoiceDate: instant.describe('The start of the invoice day in Copenhagen, as a UTC instant'),
  dueDate: instant.optional(),
  paid: z.boolean(),
  headline: z.string().optional(),
};

export const invoiceLineDocument = z.object({
  product: id,
  productCode: z.string(),
  name: z.string(),
  description: z.string().optional(),
  units: z.number(),
  type: z.enum(unitTypes),
  unitCost: z.number().optional().describe('ADMIN only'),
  unitWholesale: z.number().optional().describe('RESELLER and ADMIN only'),
  unitPrice: z.number(),
  vatExempt: z.boolean(),
  from: day.optional(),
  to: day.optional(),
});

/** Present only on an answer that carries part of the lines (a very large invoice, or asked for). */
export const linesPageDocument = z
  .object({
    offset: z.number().int().describe('Index of the first line in this answer'),
    count: z.number().int().describe('Lines in this answer'),
    total: z.number().int().describe('Lines of the invoice (after selection and grouping)'),
    nextOffset: z
      .number()
      .int()
      .optional()
      .describe('Ask again with linesOffset=nextOffset for the next lines; absent on the last page'),
  })
  .describe('Which of the lines this answer carries; the totals are always the whole invoice’s');

export const invoiceDocument = z.object({
  ...invoiceHeader,
  lines: z.array(invoiceLineDocument),
  ...totals,
  linesPage: linesPageDocument.optional(),
});

export const invoiceListDocument = z.object({
  invoices: z.array(z.object({ ...invoiceHeader, lineCount: z.number().int(), ...totals })),
  offset: z.number().int(),
  limit: z.number().int(),
  more: z.boolean().describe('True when there are invoices after this page'),
});

/** GET /invoices/export: an invoice as the caller's role sees it (its lines with `includes[]=lines`), and what export tracking adds. */
export const unexportedPageDocument = z.object({
  invoices: z.array(
    z.object({
      ...invoiceHeader,
      lineCount: z.number().int().optional().describe('Without `includes[]=lines`'),
      lines: z.array(invoiceLineDocument).optional().describe('With `includes[]=lines`'),
      ...totals,
      linesPage: linesPageDocument.optional(),
      created_at: instant,
      updated_at: instant,
      booked: z.boolean().describe('Sent to the customer'),
      exported_at: instant
        .nullable()
        .describe('When the system last marked it (with `not_exported_since`); null when never'),
    }),
  ),
  cursor: z.string().optional().describe('Ask again with it for the rest; absent on the last page'),
});

/** POST /invoices/mark-as-exported: the marks written. */
export const marksDocument = z.object({
  marked: z.array(z.object({ invoice_id: id, system_id: z.string(), exported_at: instant })),
});

/** GET /invoices/export/systems: the systems that pull, oldest first, and how many may. */
export const exportSystemsDocument = z.object({
  systems: z.array(z.object({ system_id: z.string(), registered_at: instant })),
  limit: z.number().int(),
});

export const timelineDocument = z.object({
  invoice: id,
  timeline: z.array(
    z.object({
      at: instant,
      event: z.string().describe('created, exported, export-deleted, marked-exported, …'),
      by: z.string().optional(),
      system: z.string().optional(),
      note: z.string().optional(),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

export const page = <T extends z.ZodType>(name: string, item: T) =>
  z.object({
    [name]: z.array(item),
    cursor: z.string().optional().describe('Give it back as `cursor` for the next page'),
  });
