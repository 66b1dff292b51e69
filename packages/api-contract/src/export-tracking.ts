/**
 * The export-tracking routes' contract (docs/seeds/004-export-tracking.txt): the rules every tracking
 * route reads with, POST /invoices/mark-as-exported, and the systems that pull (GET and DELETE
 * /invoices/export/systems). GET /invoices/export's own query is in export-tracking-list.ts.
 */
import * as z from 'zod/mini';
import { instantForms, parseInstant } from '#domain/export-tracking/instant';
import { maxSystemIdLength, systemIdPattern } from '#domain/export-tracking/systems';
import { objectId } from './common.ts';

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

export const resellerNamed = z.optional(objectId('Reseller is invalid'));

/**
 * The tracking routes refuse a query key they do not read, by its name (a typo such as
 * `not_export_since` would otherwise leave the list unfiltered without a word). `filter_groups[…]`
 * keys are the list's, read by the use case.
 */
export const refuseUnknownKeys =
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
