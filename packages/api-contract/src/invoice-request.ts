import * as z from 'zod/mini';
import type { Caller } from '#domain/caller';
import { readObjectId } from '#domain/ids';
import { parseDay, parseLineDate } from '#domain/invoice/date-input';
import {
  type CreateInvoiceRequest,
  maxLinesPerInvoice,
  type RequestedLine,
} from '#domain/invoice/invoice-request';
import { maxConsumedItemsPerInvoice } from '#domain/invoice/limits';
import { dueDateAllowed, mayOverridePrice } from '#domain/invoice/manual-billing';
import { invoiceLineFields, invoiceRequestFields } from '#domain/invoice/request-order';
import { invalid, notFound, type Refusal } from '#domain/refusal';
import { objectId } from './common.ts';
import { units } from './current-invoice.ts';
import { invoiceDocument } from './documents.ts';
import { unitAmount } from './product.ts';

/**
 * Reads a POST /invoice body field by field, the way the seed (docs/seeds/) reports problems: every
 * field is checked even after one failed, so the caller gets the whole list in one `422 multiple`.
 * Checks that need the database (does the customer, the product, the item exist?) follow in the
 * use case (packages/app/src/invoices/create-invoice.ts) and add to the same list.
 */

// The rule POST /invoice/current reads an item's units with: a line and an item bill the same units.
const lineUnits = units('Units is invalid');
const headline = z.string().check(z.trim(), z.maxLength(250));
const invoiceNumber = z.union([
  z.string().check(z.trim(), z.regex(/^(-1|[A-Za-z0-9][A-Za-z0-9\-/_.]{0,29})$/)),
  z.literal(-1),
]);
const lineText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
// Built once: a line is read with these up to 10,000 times per request, and building a zod schema
// costs far more than using one (about 70-140 µs against 2 µs).
const lineTexts = { name: lineText(300), description: lineText(1000) };
const unitAmounts = {
  unitCost: unitAmount('Unit cost is invalid'),
  unitWholesale: unitAmount('Unit wholesale is invalid'),
  unitPrice: unitAmount('Unit price is invalid'),
};

// The API's one id field, so the reference states the same rule as every other route's ids.
const id = objectId('Id is invalid');
const dateInput = z.string().check(
  z.refine((value) => parseDay(value) !== undefined),
  z.describe(
    'A calendar date (2026-11-01) or an ISO 8601 instant with a zone (2026-11-01T00:00:00+0100); taken as a Danish calendar day',
  ),
);
const lineDate = dateInput.check(
  z.describe('A calendar date (YYYY-MM-DD), or an instant taken as its Danish date'),
);

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

const knownFields = new Set<string>(invoiceRequestFields);
const knownLineFields = new Set<string>(invoiceLineFields);

const check = <T>(schema: z.ZodMiniType<T>, value: unknown): T | undefined => {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
};

const readLine = (
  raw: unknown,
  index: number,
  caller: Caller,
  problems: Refusal[],
): RequestedLine | undefined => {
  const key = (field: string) => `lines[${index}].${field}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(invalid(`lines[${index}]`, 'Line is invalid'));
    return undefined;
  }
  const line = raw as Record<string, unknown>;
  const unknown = Object.keys(line).filter((field) => !knownLineFields.has(field));
  if (unknown.length > 0)
    problems.push(invalid(`lines[${index}]`, `Unknown field(s): ${unknown.join(', ')}`));
  const before = problems.length;
  const product = readObjectId(line.product);
  if (!product) problems.push(notFound(key('product'), 'Product not found'));
  const parsedUnits = check(lineUnits, line.units);
  if (parsedUnits === undefined) problems.push(invalid(key('units'), 'Units is invalid'));
  const price = (field: 'unitCost' | 'unitWholesale' | 'unitPrice', description: string) => {
    if (line[field] === undefined) return undefined;
    if (!mayOverridePrice(caller.role, field)) {
      problems.push(invalid(key(field), `${description}: only ADMIN may set it`));
      return undefined;
    }
    const value = check(unitAmounts[field], line[field]);
    if (value === undefined) problems.push(invalid(key(field), description));
    return value;
  };
  const unitCost = price('unitCost', 'Unit cost is invalid');
  const unitWholesale = price('unitWholesale', 'Unit wholesale is invalid');
  const unitPrice = price('unitPrice', 'Unit price is invalid');
  const text = (field: 'name' | 'description', description: string) => {
    if (line[field] === undefined) return undefined;
    const value = check(lineTexts[field], line[field]);
    if (value === undefined) problems.push(invalid(key(field), description));
    return value;
  };
  const name = text('name', 'Name is invalid');
  const description = text('description', 'Description is invalid');
  if (line.vatExempt !== undefined && typeof line.vatExempt !== 'boolean') {
    problems.push(invalid(key('vatExempt'), 'VAT exempt must be true or false'));
  }
  const date = (field: 'from' | 'to', description: string) => {
    if (line[field] === undefined) return undefined;
    const value = parseLineDate(line[field]);
    if (value === undefined) problems.push(invalid(key(field), description));
    return value;
  };
  const from = date('from', 'From date is invalid');
  const to = date('to', 'To date is invalid');
  if (from && to && to < from) problems.push(invalid(key('to'), 'To date is before the from date'));
  if (problems.length > before) return undefined;
  return {
    index,
    product: product!,
    units: parsedUnits!,
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    ...(unitCost === undefined ? {} : { unitCost }),
    ...(unitWholesale === undefined ? {} : { unitWholesale }),
    ...(unitPrice === undefined ? {} : { unitPrice }),
    ...(typeof line.vatExempt === 'boolean' ? { vatExempt: line.vatExempt } : {}),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
};

export interface ReadInvoiceRequest {
  readonly request: CreateInvoiceRequest;
  readonly problems: Refusal[];
}

export const readCreateInvoiceRequest = (
  body: Record<string, unknown>,
  caller: Caller,
  today: Date,
): ReadInvoiceRequest => {
  const problems: Refusal[] = [];
  const unknown = Object.keys(body).filter((field) => !knownFields.has(field));
  if (unknown.length > 0) problems.push(invalid('body', `Unknown field(s): ${unknown.join(', ')}`));

  const customer = readObjectId(body.customer);
  if (!customer) problems.push(notFound('customer', 'Customer not found'));
  let reseller: string | undefined;
  if (body.reseller !== undefined) {
    const named = readObjectId(body.reseller);
    if (!named || (caller.role !== 'ADMIN' && named !== caller.reseller)) {
      problems.push(notFound('reseller', 'Reseller not found'));
    } else reseller = named;
  }
  for (const flag of ['sent', 'paid'] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean')
      problems.push(invalid(flag, `${flag} must be true or false`));
  }
  const number = body.invoiceNumber === undefined ? undefined : check(invoiceNumber, body.invoiceNumber);
  if (body.invoiceNumber !== undefined && number === undefined) {
    problems.push(invalid('invoiceNumber', 'Invoice number is invalid: up to 30 letters, digits or - / _ .'));
  }
  const invoiceDate = body.invoiceDate === undefined ? undefined : parseDay(body.invoiceDate);
  if (body.invoiceDate !== undefined && !invoiceDate)
    problems.push(invalid('invoiceDate', 'Invoice date is invalid'));
  const dueDate = body.dueDate === undefined ? undefined : parseDay(body.dueDate);
  if (body.dueDate !== undefined && (!dueDate || !dueDateAllowed(dueDate, invoiceDate, today))) {
    problems.push(invalid('dueDate', 'Due date is invalid or in the past'));
  }
  const parsedHeadline = body.headline === undefined ? undefined : check(headline, body.headline);
  if (body.headline !== undefined && parsedHeadline === undefined) {
    problems.push(invalid('headline', 'Headline is invalid: text of at most 250 characters'));
  }

  const lines: RequestedLine[] = [];
  const productRefs: { index: number; product: string }[] = [];
  if (body.lines !== undefined) {
    if (!Array.isArray(body.lines) || body.lines.length > maxLinesPerInvoice) {
      problems.push(invalid('lines', `Lines must be a list of at most ${maxLinesPerInvoice} lines`));
    } else {
      body.lines.forEach((raw, index) => {
        const product = readObjectId((raw as { product?: unknown } | null)?.product);
        if (product) productRefs.push({ index, product });
        const line = readLine(raw, index, caller, problems);
        if (line) lines.push(line);
      });
    }
  }

  const currentInvoices: string[] = [];
  if (body.currentInvoices !== undefined) {
    const ids = Array.isArray(body.currentInvoices) ? body.currentInvoices.map(readObjectId) : undefined;
    if (
      !ids ||
      ids.length > maxConsumedItemsPerInvoice ||
      !ids.every((id): id is string => id !== undefined) ||
      new Set(ids).size !== ids.length
    ) {
      problems.push(
        invalid(
          'currentInvoices',
          `Current invoices must be a list of at most ${maxConsumedItemsPerInvoice} distinct item ids`,
        ),
      );
    } else currentInvoices.push(...ids);
  }

  const linesGiven = Array.isArray(body.lines) && body.lines.length > 0;
  if (!linesGiven && currentInvoices.length === 0 && !problems.some((p) => p.key === 'currentInvoices')) {
    problems.push(invalid('lines', 'Nothing to invoice'));
  }

  return {
    request: {
      customer,
      reseller,
      sent: body.sent === true,
      paid: body.paid === true,
      invoiceNumber: number === undefined ? undefined : String(number),
      invoiceDate,
      dueDate,
      headline: parsedHeadline === '' ? undefined : parsedHeadline,
      lines,
      productRefs,
      currentInvoices,
    },
    problems,
  };
};
