/**
 * GET /invoices/export (docs/seeds/004-export-tracking.txt): its query, how much one answer holds,
 * and each invoice as the caller's role sees it. Apart from export-tracking.ts, whose rules every
 * tracking route shares, so that marking and the systems' routes do not bundle the list's query.
 */
import * as z from 'zod/mini';
import type { UnexportedInvoice } from '#app/export-tracking/list-unexported';
import type { Caller } from '#domain/caller';
import { presentInvoiceSummary } from '#domain/invoice/summary';
import { presentInvoice } from '#domain/invoice/visibility';
import { pageQuery, queryBoolean, wholeNumberIn } from './common.ts';
import { refuseUnknownKeys, resellerNamed, systemId, utcDateTime } from './export-tracking.ts';
import { maxAnswerBytes } from './payload.ts';

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
