/**
 * What the API reference says of POST /invoice: the body as the reference shows it, built from the
 * same pieces the reader checks with (invoice-request.ts), and the answers. Only
 * functions/invoice/create.docs.ts imports this, so the invoice-create bundle carries none of it.
 */
import * as z from 'zod/mini';
import { maxLinesPerInvoice } from '#domain/invoice/invoice-request';
import { maxConsumedItemsPerInvoice } from '#domain/invoice/limits';
import { invoiceDocument } from './documents.ts';
import {
  dateInput,
  headline,
  id,
  invoiceNumber,
  lineDate,
  lineTexts,
  lineUnits,
  unitAmounts,
} from './invoice-request.ts';

/** The body of POST /invoice as the API reference shows it, built from the same pieces the reader checks with. */
const createInvoiceBodyDoc = z.strictObject({
  customer: id.check(z.describe('The customer to invoice')),
  reseller: z.optional(id).check(z.describe('ADMIN only: the reseller (defaults to the customer’s)')),
  sent: z.optional(z.boolean()).check(z.describe('Mark the invoice as sent to the customer')),
  invoiceNumber: z
    .optional(invoiceNumber)
    .check(
      z.describe(
        'Omit, or "-1", to let the accounting system number it on export; otherwise unique per reseller',
      ),
    ),
  invoiceDate: z.optional(dateInput).check(z.describe('Default: today (Copenhagen)')),
  dueDate: z
    .optional(dateInput)
    .check(z.describe('Not before today nor before the invoice date; may be left to the accounting system')),
  paid: z.optional(z.boolean()),
  headline: z.optional(headline),
  lines: z.optional(
    z
      .array(
        z.strictObject({
          product: id,
          name: z.optional(lineTexts.name).check(z.describe('Overrides the product name')),
          description: z
            .optional(lineTexts.description)
            .check(z.describe('Overrides the product description')),
          units: lineUnits.check(z.describe('Fractional allowed; negative to credit; not 0')),
          unitCost: z.optional(unitAmounts.unitCost).check(z.describe('ADMIN only: overrides the product')),
          unitWholesale: z
            .optional(unitAmounts.unitWholesale)
            .check(z.describe('ADMIN only: overrides the product')),
          unitPrice: z.optional(unitAmounts.unitPrice).check(z.describe('Overrides the product')),
          vatExempt: z.optional(z.boolean()).check(z.describe('Overrides the product')),
          from: z.optional(lineDate),
          to: z.optional(lineDate),
        }),
      )
      .check(z.maxLength(maxLinesPerInvoice)),
  ),
  currentInvoices: z
    .optional(z.array(id).check(z.maxLength(maxConsumedItemsPerInvoice)))
    .check(
      z.describe(
        'Ids of current-invoice items to bill (not recurring, not locked); they leave the current list',
      ),
    ),
});

const createInvoiceDescription = [
  'Creates an invoice from `lines`, from the customer’s `currentInvoices` items, or both. Every problem is reported at once (`422 multiple`, each with its own status and key).',
  'The invoice, its lines and the removal of the items it bills are one transaction: nothing is half-made and no item is billed twice, even by concurrent requests.',
  'Money limits, so that every amount is stored and summed exactly: units up to ±1,000,000,000 (6 decimals), unit amounts up to 1,000,000,000 kr (4 decimals), a line (units × each unit amount, the request’s or the product’s) up to 10,000,000,000 kr (`422 lines[x].units` or the price field that makes it so; `422 currentInvoices[x]` for an item), all lines together up to 100,000,000,000 kr in each price column, credits counted as their size (`422 lines`).',
  'Send an `Idempotency-Key` header (1-255 visible ASCII characters) to make retries safe: the same key and body (in any key order) answer 201 with the invoice the first attempt made, before any other check, so a retry succeeds even after the first attempt billed its current items; the same key with another body, or from another user, is `422 Idempotency-Key`; concurrent duplicates make one invoice. The key is kept with the invoice, for as long as the invoice.',
  'Error rows: 404 customer, 404 reseller, 422 invoiceDate, 422 dueDate, 422 headline, 404 lines[x].product, 422 lines[x].units, 422 lines[x].unitCost, 422 lines[x].unitWholesale, 422 lines[x].unitPrice, 404 currentInvoices, 422 currentInvoices[x], 422 lines (Nothing to invoice), 403 access_denied.',
].join('\n\n');

/** What the API reference says of POST /invoice. */
export const createInvoiceDocs = {
  summary: 'Create an invoice',
  description: createInvoiceDescription,
  idempotencyKey: true,
  body: createInvoiceBodyDoc,
  responses: {
    201: {
      description:
        'The new invoice exactly as `GET /invoice/{id}` without options answers it to the caller (a retry with the same `Idempotency-Key` too): the invoice proper with its totals, free included products hidden (`showIncludedProducts=true` on GET shows them); its external-licence lines and their totals are their own document, read with GET `externalLicenses=true`',
      schema: invoiceDocument,
    },
    404: {
      description:
        '`customer`, `reseller`, `lines[x].product` (Product not found / not valid for use), `currentInvoices` (Some or all items were not found). An unknown or malformed customer is `404 customer` alone: the products are checked on their own (only a product that is itself unknown is a second problem, `422 multiple`), and the `currentInvoices` items, being the customer’s, are not looked for',
    },
    413: {
      description:
        '`{"message":"Request Too Long"}` from the gateway: the request is over Lambda’s 6 MB; nothing is written',
      fromGateway: true,
    },
    409: {
      description:
        '`Idempotency-Key`: another request with the key is in progress; `currentInvoices`: another request was billing the same items at that moment. Retrying is safe.',
    },
    422: {
      description:
        'A field of the request; `lines[x].units` / `lines[x].unitPrice` / `currentInvoices[x]` for a line beyond the line limit, `lines` for lines beyond the invoice limit; `Idempotency-Key` for a malformed key or one used for another request',
    },
  },
};
