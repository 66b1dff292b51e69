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
import { objectId, unitAmount } from './common.ts';
import { units } from './current-invoice.ts';

/**
 * Reads a POST /invoice body field by field, the way the seed (docs/seeds/) reports problems: every
 * field is checked even after one failed, so the caller gets the whole list in one `422 multiple`.
 * Checks that need the database (does the customer, the product, the item exist?) follow in the
 * use case (packages/app/src/invoices/create-invoice.ts) and add to the same list.
 */

// The rule POST /invoice/current reads an item's units with: a line and an item bill the same units.
export const lineUnits = units('Units is invalid');
export const headline = z.string().check(z.trim(), z.maxLength(250));
export const invoiceNumber = z.union([
  z.string().check(z.trim(), z.regex(/^(-1|[A-Za-z0-9][A-Za-z0-9\-/_.]{0,29})$/)),
  z.literal(-1),
]);
const lineText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
// Built once: a line is read with these up to 10,000 times per request, and building a zod schema
// costs far more than using one (about 70-140 µs against 2 µs).
export const lineTexts = { name: lineText(300), description: lineText(1000) };
export const unitAmounts = {
  unitCost: unitAmount('Unit cost is invalid'),
  unitWholesale: unitAmount('Unit wholesale is invalid'),
  unitPrice: unitAmount('Unit price is invalid'),
};

// The API's one id field, so the reference states the same rule as every other route's ids.
export const id = objectId('Id is invalid');
export const dateInput = z.string().check(
  z.refine((value) => parseDay(value) !== undefined),
  z.describe(
    'A calendar date (2026-11-01) or an ISO 8601 instant with a zone (2026-11-01T00:00:00+0100); taken as a Danish calendar day',
  ),
);
export const lineDate = dateInput.check(
  z.describe('A calendar date (YYYY-MM-DD), or an instant taken as its Danish date'),
);

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
