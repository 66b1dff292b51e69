/**
 * The export-tracking routes' contract (docs/seeds/004-export-tracking.txt): GET /invoices/export, POST
 * /invoices/mark-as-exported, and the systems that pull (GET and DELETE /invoices/export/systems).
 */
import * as z from 'zod/mini';
import type { UnexportedInvoice } from '#app/export-tracking/list-unexported';
import type { Caller } from '#domain/caller';
import { instantForms, parseInstant } from '#domain/export-tracking/instant';
import { maxSystemIdLength, systemIdPattern } from '#domain/export-tracking/systems';
import { presentInvoiceSummary } from '#domain/invoice/summary';
import { presentInvoice } from '#domain/invoice/visibility';
import { objectId, pageQuery, queryBoolean, wholeNumberIn } from './common.ts';
import { maxAnswerBytes } from './payload.ts';

const systemIdRequired = 'system_id is required: the system the invoices are exported to';

/** A system id: free text naming the system that pulls (economic and uniconta are the saga's own). */
export const systemId = z
  .string({ error: systemIdRequired })
  .check(
    z.trim(),
    z.minLength(1, { error: systemIdRequired }),
    z.maxLength(maxSystemIdLength, { error: `system_id is at most ${maxSystemIdLength} characters` }),
    z.regex(systemIdPattern, { error: 'system_id may hold letters, digits and . _ : @ / -' }),
  );

/** A datetime in any of the forms `#domain/export-tracking/instant` reads, as an ISO instant in UTC. */
export const utcDateTime = z.pipe(
  z.string(),
  z.transform((text: string, context) => {
    const instant = parseInstant(text);
    if (instant === undefined) {
      context.issues.push({
        code: 'custom',
        message: `not_exported_since must be ${instantForms}`,
        input: text,
      });
      return z.NEVER;
    }
    return instant;
  }),
);

const resellerNamed = z.optional(objectId('Reseller is invalid'));

/**
 * Invoices in one answer of GET /invoices/export, at most. One invoice without lines takes at most
 * `maxUnexportedSummaryBytes` in Lambda's payload (its 250-character headline, each character a
 * `"` escaped twice, is most of it; the unit test builds that worst case and measures it), so
 * this many fit in Lambda's 6 MB with room to spare. With lines, the answer also stops before
 * `maxAnswerBytes` (the use case measures each invoice).
 */
export const maxUnexportedPerAnswer = 1000;
export const maxUnexportedSummaryBytes = 4096;

/** The invoices of one answer may take this much: the rest of 6 MB is ample for `{"invoices":[…],"cursor":…}`. */
export const unexportedAnswerBytes = maxAnswerBytes - 8 * 1024;

const limitMessage = `limit must be a whole number from 1 to ${maxUnexportedPerAnswer}`;
const pageMessage =
  'page is not supported beyond 1: the answer holds every pending invoice up to its limit, and the rest follow with its cursor (or mark what you took and ask again)';

/**
 * The tracking routes refuse a query key they do not read, by its name (a typo such as
 * `not_export_since` would otherwise leave the list unfiltered without a word). `filter_groups[…]`
 * keys are the list's, read by the use case.
 */
const refuseUnknownKeys =
  (known: readonly string[], more?: string) =>
  (query: Record<string, unknown>, context: z.core.$RefinementCtx) => {
    for (const key of Object.keys(query)) {
      if (known.includes(key) || (more && (key === 'filter_groups' || key.startsWith('filter_groups['))))
        continue;
      const named = [...known, ...(more ? [more] : [])];
      context.addIssue({
        code: 'custom',
        path: [key],
        message: `Unknown query parameter ${key}: ${named.length > 0 ? `the parameters are ${named.join(', ')}` : 'this route takes none'}`,
      });
    }
  };

const unexportedKeys = [
  'system_id',
  'not_exported_since',
  'include_non_booked',
  'includes[]',
  'reseller',
  'limit',
  'page',
  'cursor',
];

/** GET /invoices/export. Other keys are `filter_groups[…]`, which the use case reads from the raw query; any other key is refused. */
export const unexportedQuery = z
  .catchall(
    z.object({
      system_id: systemId,
      not_exported_since: z.optional(utcDateTime),
      include_non_booked: z.optional(queryBoolean('include_non_booked')),
      'includes[]': z.optional(z.enum(['lines'], { error: 'includes[] may only be lines' })),
      reseller: resellerNamed,
      limit: z.optional(wholeNumberIn(1, maxUnexportedPerAnswer, limitMessage, { fromQuery: true })),
      // A page-number client's first request (page=1) is the list's start; page 2 would be a page of
      // a list that shrinks as invoices are marked, so it is refused rather than guessed.
      page: z.optional(z.literal('1', { error: pageMessage })),
      cursor: pageQuery.cursor,
    }),
    z.string(),
  )
  .check(z.superRefine(refuseUnknownKeys(unexportedKeys, 'filter_groups[…]')));

/** POST /invoices/mark-as-exported: up to 10 marks, all or nothing. */
export const markExportedBody = z.strictObject({
  invoices: z
    .array(
      z.strictObject({
        invoice_id: objectId('invoice_id must be an invoice id'),
        system_id: systemId,
        note: z.optional(
          z
            .string({ error: 'note must be text' })
            .check(z.maxLength(1000, { error: 'note is at most 1000 characters' })),
        ),
      }),
      { error: 'invoices must be a list' },
    )
    .check(
      z.minLength(1, { error: 'invoices must hold 1 to 10 invoices' }),
      z.maxLength(10, { error: 'At most 10 invoices can be marked at a time' }),
    ),
});

/** POST /invoices/mark-as-exported takes no query: all it reads is in the body. */
export const markExportedQuery = z
  .catchall(z.object({}), z.string())
  .check(z.superRefine(refuseUnknownKeys([])));

/** GET /invoices/export/systems. */
export const systemsQuery = z
  .catchall(z.object({ reseller: resellerNamed }), z.string())
  .check(z.superRefine(refuseUnknownKeys(['reseller'])));

/** DELETE /invoices/export/systems. */
export const retireSystemQuery = z
  .catchall(z.object({ system_id: systemId, reseller: resellerNamed }), z.string())
  .check(z.superRefine(refuseUnknownKeys(['system_id', 'reseller'])));

/** One pending invoice as the caller's role may see it: its summary, or the whole invoice with `includes[]=lines`. */
export const presentUnexported = (
  { header, exportedAt, invoice }: UnexportedInvoice,
  role: Caller['role'],
) => ({
  ...(invoice
    ? presentInvoice(invoice, role, { showIncludedProducts: true })
    : presentInvoiceSummary(header, role)),
  created_at: header.createdAt,
  updated_at: header.createdAt,
  booked: header.sent,
  exported_at: exportedAt,
});
