/**
 * GET /invoices/export?system_id=X (seed 004): the caller's invoices that system X has not taken
 * yet, oldest first, a page at a time — and with `not_exported_since`, also those it took before
 * that time. Another system (a data warehouse, a second bookkeeping) pulls with this and confirms
 * each invoice with POST /invoices/mark-as-exported once it has imported it.
 */
import * as z from 'zod';
import { objectId, pageQuery } from '#api/common';
import { exportSummaryOf, InvalidCursorError } from '#app/ports/store';
import { matchesFilterGroups, parseFilterGroups } from '#domain/filter-groups';
import { presentInvoice } from '#domain/invoice/visibility';
import { ApiError, invalid } from '#lambda/errors';
import { httpHandler } from '#lambda/http-handler';
import { openCursor, sealCursor } from '#lambda/page-cursor';
import { exportTrackingStore, invoiceStore } from '#wiring/store';
import { presentInvoiceSummary } from '../invoice/present-summary.ts';
import { registerSystem, resellerOf } from './register.ts';
import { bookedDescription, systemId, systemsDescription, utcDateTime } from './schemas.ts';

const filterKeys = ['created_at', 'updated_at'] as const;

const query = z
  .object({
    system_id: systemId,
    not_exported_since: utcDateTime.optional(),
    include_non_booked: z.enum(['0', '1'], { error: 'include_non_booked must be 0 or 1' }).default('0'),
    'includes[]': z.enum(['lines'], { error: 'includes[] may only be lines' }).optional(),
    reseller: objectId('Reseller is invalid').optional(),
    limit: pageQuery.limit
      .pipe(z.number().max(100, { error: 'Limit must be a whole number from 1 to 100' }))
      .optional(),
    cursor: pageQuery.cursor,
  })
  .catchall(z.string());

export const handler = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  docs: {
    summary: 'Invoices a system has not taken yet (seed 004)',
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
  },
  query,
  handle: async ({ caller, query, event }) => {
    const reseller = resellerOf(caller, query.reseller);
    const { groups, problems } = parseFilterGroups(new URLSearchParams(event.rawQueryString), filterKeys);
    if (problems.length > 0) {
      const errors = problems.map((problem) => new ApiError(422, problem.key, problem.description));
      throw errors.length === 1
        ? errors[0]!
        : new ApiError(422, 'multiple', `${errors.length} problems in filter_groups`, errors);
    }
    // A cursor is one system's pending list: another system's would page a different index.
    const scope = { list: `invoices-export#${query.system_id}`, tenant: reseller };
    const cursor = await openCursor(query.cursor, scope);
    const system = await registerSystem(reseller, query.system_id, 'system_id');
    const page = await exportTrackingStore
      .listUnexported({
        reseller,
        system,
        ...(query.not_exported_since
          ? { notExportedSince: new Date(query.not_exported_since).toISOString() }
          : {}),
        accept: (header) =>
          (query.include_non_booked === '1' || header.sent) &&
          matchesFilterGroups({ created_at: header.createdAt, updated_at: header.createdAt }, groups),
        limit: query.limit ?? 50,
        cursor,
      })
      .catch((error: unknown) => {
        // A cursor of this system before it was retired and registered again.
        if (error instanceof InvalidCursorError)
          throw invalid('cursor', 'The cursor is not one of this list: start again without it');
        throw error;
      });
    const next = await sealCursor(page.cursor, scope);
    const invoices = await Promise.all(
      page.invoices.map(async (header) => {
        const tracking = {
          created_at: header.createdAt,
          updated_at: header.createdAt,
          booked: header.sent,
          exported_at: exportSummaryOf(header, query.system_id)?.at ?? null,
        };
        if (query['includes[]'] !== 'lines')
          return { ...presentInvoiceSummary(header, caller.role), ...tracking };
        const stored = await invoiceStore.getInvoice(reseller, header.id);
        return {
          ...presentInvoice(stored!.invoice, caller.role, { showIncludedProducts: true }),
          ...tracking,
        };
      }),
    );
    return { status: 200, json: { invoices, ...(next ? { cursor: next } : {}) } };
  },
});
