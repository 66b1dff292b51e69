import * as z from 'zod/mini';
import { parseDay } from '#domain/invoice/date-input';
import { objectId, queryBoolean } from './common.ts';

/** The options of GET /invoice/{id}: the one query-boolean rule, the bare flag too; absent is false. */
const flag = (name: string) =>
  z.pipe(
    z.optional(queryBoolean(name, { bare: true })),
    z.transform((value: boolean | undefined) => value === true),
  );

/** A whole number in a query string, strictly digits: `1e3`, ` 5` or `` are refused, not coerced. */
const wholeNumber = (min: number, max: number, message: string) =>
  z.optional(
    z.pipe(
      z.string({ error: message }).check(z.regex(/^\d{1,6}$/, { error: message })),
      z.transform(Number).check(z.refine((value: number) => value >= min && value <= max, { message })),
    ),
  );

/**
 * Which lines one answer carries (see invoice-answer.ts). Without either, the whole invoice comes
 * in one answer when it fits, which every ordinary invoice does.
 */
export const linesPageQuery = {
  linesOffset: wholeNumber(0, 100_000, 'Lines offset must be a whole number from 0 to 100000').check(
    z.describe(
      'The first line of the page (0-based, after selection and grouping): give back `linesPage.nextOffset`',
    ),
  ),
  linesLimit: wholeNumber(1, 10_000, 'Lines limit must be a whole number from 1 to 10000').check(
    z.describe('At most this many lines in the answer; fewer when more would not fit in one answer'),
  ),
};

/** The options of docs/seeds/003-get-invoice.txt's GET /invoice/{id}. */
export const invoiceViewQuery = z.object({
  format: z._default(z.enum(['json', 'csv'], { error: 'Format must be "json" or "csv"' }), 'json'),
  lang: z._default(z.enum(['da', 'en'], { error: 'Language must be "da" or "en"' }), 'da'),
  groupInvoiceLines: flag('groupInvoiceLines'),
  showIncludedProducts: flag('showIncludedProducts'),
  onlyUsage: flag('onlyUsage'),
  externalLicenses: flag('externalLicenses'),
  ...linesPageQuery,
});

/**
 * GET /invoice/{id} without a query: the invoice proper (no external-licence lines, free included
 * products hidden), JSON, Danish. POST /invoice answers with these too, so that a created invoice
 * reads the same as the invoice read back.
 */
export const defaultInvoiceView = invoiceViewQuery.parse({});

const day = (description: string) =>
  z.optional(
    z.pipe(
      z.string(),
      z.transform((value: string, context) => {
        const parsed = parseDay(value);
        if (!parsed) context.issues.push({ code: 'custom', message: description, input: value });
        return parsed ?? new Date(0);
      }),
    ),
  );

/** GET /invoice: whose invoices, which dates, which window. */
export const invoiceListQuery = z
  .object({
    customer: z.optional(objectId('Customer is invalid')),
    reseller: z.optional(objectId('Reseller is invalid')),
    fromDate: day('From date is invalid'),
    toDate: day('To date is invalid'),
    offset: z._default(
      z.coerce
        .number()
        .check(
          z.int(),
          z.gte(0),
          z.lte(100_000, { error: 'Offset must be a whole number from 0 to 100000' }),
        ),
      0,
    ),
    limit: z._default(
      z.coerce
        .number()
        .check(z.int(), z.gte(1), z.lte(500, { error: 'Limit must be a whole number from 1 to 500' })),
      100,
    ),
  })
  .check(
    z.refine((q) => !q.fromDate || !q.toDate || q.fromDate <= q.toDate, {
      message: 'To date is before the from date',
      path: ['toDate'],
    }),
  );
