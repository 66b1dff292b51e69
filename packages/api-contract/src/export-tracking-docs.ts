/**
 * What the API reference says of the export-tracking routes (summaries, descriptions, answers).
 * Apart from export-tracking.ts, whose schemas the handlers run: only the routes' `*.docs.ts`
 * import this, so no bundle carries the prose or the answers' schemas (docs/architecture.md).
 */
import { maxExportSystems } from '#domain/export-tracking/systems';
import { exportSystemsDocument, marksDocument, unexportedPageDocument } from './documents.ts';
import { maxUnexportedPerAnswer, maxUnexportedSummaryBytes } from './export-tracking-list.ts';

export const bookedDescription =
  'An invoice is *booked* once it has been sent to the customer (`sent: true`): from then on it is final. Until then it is a draft that may still change, and it is listed only with `include_non_booked=1`.';

export const systemsDescription = `A system is registered the first time it asks (or marks); a reseller has at most ${maxExportSystems}, and one more is refused with \`422 system_id\`. \`GET /invoices/export/systems\` lists them and \`DELETE /invoices/export/systems?system_id=X\` retires one. Registering costs the same however many invoices the reseller has; every invoice without a mark for the system is listed, the oldest first.`;

const adminNamesReseller = 'An ADMIN names the reseller with `reseller`.';

export const unexportedDocs = {
  summary: 'Invoices a system has not taken yet',
  description: [
    `Answers every invoice the system has not taken, oldest first, up to ${maxUnexportedPerAnswer} per answer (without lines one takes at most ${maxUnexportedSummaryBytes / 1024} KB, so ${maxUnexportedPerAnswer} stay within Lambda's 6 MB); with \`includes[]=lines\` the answer also stops before 6 MB, after at least one invoice. When more are pending the answer carries \`cursor\`: ask again with it for the rest. \`limit\` (1–${maxUnexportedPerAnswer}) asks for fewer. \`page=1\` is the start (for page-number clients); a later \`page\` is refused with 422 (use \`cursor\`, or mark what you took and ask again). Any other query parameter is refused with 422 naming it. Served by an index of what is pending for the system: an answer costs the same however many invoices were exported before.`,
    "`not_exported_since` is UTC: `2026-11-01 13:45:00` (the seed's form), ISO 8601 such as `2026-11-01T13:45:00Z` or with any offset (`2026-11-01T14:45:00+01:00`, converted; without an offset it is UTC), or a date `2026-11-01` (00:00 UTC). Anything else is a 422 naming it.",
    '`filter_groups` filters on `created_at` and `updated_at` (groups AND-ed; filters AND-ed, or OR-ed with `filter_groups[n][or]=1`; `[not]=1` negates). Operators: eq, gt, gte, lt, lte, ct, sw, ew (one `value`); in (any of `value[]=a&value[]=b`, or `value=a,b`); bt (between two values, ends included, `value[]` or `value=a,b`); null and notnull (no value; `created_at` and `updated_at` always have one). For eq, gt, gte, lt, lte, in and bt a value written as a time in any form `not_exported_since` takes is that instant (`2026-11-01T09:00:00+01:00` is 08:00 UTC; a date `2026-11-01` is its 00:00 UTC); any other value (such as `2026-11`) and the values of ct, sw and ew compare as text with the ISO instant in UTC. An unknown operator, key or part is a 422 naming it.',
    bookedDescription,
    'Invoices do not change once made (corrections are new invoices or credits), so `updated_at` equals `created_at`.',
    'Without `not_exported_since`, only invoices never marked for `system_id`; with it, also those whose mark is older than that time.',
    'The accounting exports mark what they send too, under their own system ids: `economic` and `uniconta` for the invoice proper in the reseller’s books, with `:platform` for the platform’s books and `:external-licenses` for an invoice’s external-licence lines (for example `economic:external-licenses`).',
    systemsDescription,
  ].join('\n\n'),
  responses: {
    200: {
      description: 'A page of invoices (with lines when `includes[]=lines`)',
      schema: unexportedPageDocument,
    },
    422: {
      description: '`system_id`: the reseller already has the most systems it may have (retire one first)',
    },
  },
};

export const markExportedDocs = {
  summary: 'Mark invoices as exported',
  responses: {
    200: { description: 'The marks written', schema: marksDocument },
    404: { description: '`invoices[x].invoice_id`: Invoice not found (nothing was marked)' },
    422: {
      description:
        '`invoices[x].system_id`: a system the reseller has not registered, when it already has the most it may have (nothing was marked)',
    },
  },
};

export const systemsDocs = {
  summary: 'The systems that pull the invoices (export tracking)',
  description: [systemsDescription, adminNamesReseller].join('\n\n'),
  responses: { 200: { description: 'The registered systems, oldest first', schema: exportSystemsDocument } },
};

export const retireSystemDocs = {
  summary: 'Retire a system that pulls the invoices (export tracking)',
  description: [systemsDescription, adminNamesReseller].join('\n\n'),
  responses: {
    204: { description: 'Retired' },
    404: { description: '`system_id`: the reseller has no such system' },
  },
};
