/**
 * The export-tracking routes' contract (docs/seeds/004-export-tracking.txt): GET /invoices/export, POST
 * /invoices/mark-as-exported, and the systems that pull (GET and DELETE /invoices/export/systems).
 */
import * as z from 'zod';
import { maxExportSystems, maxSystemIdLength, systemIdPattern } from '#domain/export-tracking/systems';
import { objectId, pageQuery } from './common.ts';

const systemIdRequired = 'system_id is required: the system the invoices are exported to';

/** A system id: free text naming the system that pulls (economic and uniconta are the saga's own). */
export const systemId = z
  .string({ error: systemIdRequired })
  .trim()
  .min(1, { error: systemIdRequired })
  .max(maxSystemIdLength, { error: `system_id is at most ${maxSystemIdLength} characters` })
  .regex(systemIdPattern, { error: 'system_id may hold letters, digits and . _ : @ / -' });

/** A UTC datetime: ISO 8601 ending in Z (a time in another zone is refused, not converted). */
export const utcDateTime = z.iso.datetime({
  error: 'not_exported_since must be a UTC datetime, e.g. 2026-11-01T00:00:00Z',
});

const resellerNamed = objectId('Reseller is invalid').optional();

/** GET /invoices/export. Other keys are `filter_groups[…]`, which the use case reads from the raw query. */
export const unexportedQuery = z
  .object({
    system_id: systemId,
    not_exported_since: utcDateTime.optional(),
    include_non_booked: z.enum(['0', '1'], { error: 'include_non_booked must be 0 or 1' }).default('0'),
    'includes[]': z.enum(['lines'], { error: 'includes[] may only be lines' }).optional(),
    reseller: resellerNamed,
    limit: pageQuery.limit
      .pipe(z.number().max(100, { error: 'Limit must be a whole number from 1 to 100' }))
      .optional(),
    cursor: pageQuery.cursor,
  })
  .catchall(z.string());

/** POST /invoices/mark-as-exported: up to 10 marks, all or nothing. */
export const markExportedBody = z.strictObject({
  invoices: z
    .array(
      z.strictObject({
        invoice_id: objectId('invoice_id must be an invoice id'),
        system_id: systemId,
        note: z
          .string({ error: 'note must be text' })
          .max(1000, { error: 'note is at most 1000 characters' })
          .optional(),
      }),
      { error: 'invoices must be a list' },
    )
    .min(1, { error: 'invoices must hold 1 to 10 invoices' })
    .max(10, { error: 'At most 10 invoices can be marked at a time' }),
});

/** GET /invoices/export/systems. */
export const systemsQuery = z.strictObject({ reseller: resellerNamed });

/** DELETE /invoices/export/systems. */
export const retireSystemQuery = z.strictObject({ system_id: systemId, reseller: resellerNamed });

export const bookedDescription =
  'An invoice is *booked* once it has been sent to the customer (`sent: true`): from then on it is final. Until then it is a draft that may still change, and it is listed only with `include_non_booked=1`.';

export const systemsDescription = `A system is registered the first time it asks (or marks); a reseller has at most ${maxExportSystems}, and one more is refused with \`422 system_id\`. \`GET /invoices/export/systems\` lists them and \`DELETE /invoices/export/systems?system_id=X\` retires one. Registering costs the same however many invoices the reseller has; every invoice without a mark for the system is listed, the oldest first.`;

const adminNamesReseller = 'An ADMIN names the reseller with `reseller`.';

export const unexportedDocs = {
  summary: 'Invoices a system has not taken yet',
  description: [
    'Paged with `limit` (≤ 100, default 50) and the opaque `cursor` of the previous page. Served by an index of what is pending for the system: a page costs the same however many invoices were exported before.',
    '`filter_groups` filters on `created_at` and `updated_at` (groups AND-ed; filters AND-ed, or OR-ed with `filter_groups[n][or]=1`; operators eq, gt, gte, lt, lte, in, ct, sw, ew; `[not]=1` negates).',
    bookedDescription,
    'Invoices do not change once made (corrections are new invoices or credits), so `updated_at` equals `created_at`.',
    'Without `not_exported_since`, only invoices never marked for `system_id`; with it, also those whose mark is older than that time.',
    systemsDescription,
  ].join('\n\n'),
  responses: {
    200: { description: 'A page of invoices (with lines when `includes[]=lines`)' },
    422: {
      description: '`system_id`: the reseller already has the most systems it may have (retire one first)',
    },
  },
};

export const markExportedDocs = {
  summary: 'Mark invoices as exported',
  responses: {
    200: { description: 'The marks written' },
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
  responses: { 200: { description: '`{ systems: [{ system_id, registered_at }], limit }`, oldest first' } },
};

export const retireSystemDocs = {
  summary: 'Retire a system that pulls the invoices (export tracking)',
  description: [systemsDescription, adminNamesReseller].join('\n\n'),
  responses: {
    204: { description: 'Retired' },
    404: { description: '`system_id`: the reseller has no such system' },
  },
};
