import * as z from 'zod/mini';
import { mailboxAddressPattern, maxMailboxAddressLength } from '#domain/email-address';
import { objectIdInputPattern } from '#domain/ids';
import { moneyLimits } from '#domain/invoice/limits';
import { queryBooleanForms, readQueryBoolean } from '#domain/query-boolean';

/**
 * An id a request names (path, query or body): 24 hex characters in either case, as the seeds'
 * own examples are upper case, read as the stored lowercase form, so the answer names it in lower
 * case. The same rule as `readObjectId` (#domain/ids) for bodies read field by field.
 */
export const objectId = (description: string) =>
  z
    .string({ error: description })
    .check(z.regex(objectIdInputPattern, { error: description }), z.toLowerCase());

/** The path parameter of a single-resource route: a 24-hex id, or the URL itself is wrong (400). */
export const idPath = z.object({
  id: objectId('Id not found in request URI: expected a 24-character hex id'),
});

/** The text a yes/no query parameter may be; with `bare`, also the empty value of a bare flag. */
export const queryBooleanInput = (bare: boolean): RegExp =>
  new RegExp(`^(?:${queryBooleanForms}${bare ? '|' : ''})$`);

/**
 * A yes/no query parameter, one rule for every route (`readQueryBoolean`, #domain/query-boolean):
 * `true`/`false`/`1`/`0` in any case; anything else is `422` naming it. `bare: true` also takes
 * the bare flag (`?groupLines`, an empty value) as true, for the options of GET /invoice/{id} that
 * always did.
 */
export const queryBoolean = (name: string, options: { bare?: boolean } = {}) =>
  z.pipe(
    z.string({ error: `${name} must be true or false (or 1/0)` }).check(
      z.regex(queryBooleanInput(options.bare ?? false), {
        error: `${name} must be true or false (or 1/0)`,
      }),
    ),
    z.transform((value: string) => value === '' || readQueryBoolean(value) === true),
  );

/**
 * A whole number from `min` to `max`; any problem is `message`. A JSON number, or with `fromQuery`
 * the text of a query parameter read as a number.
 */
export const wholeNumberIn = (min: number, max: number, message: string, { fromQuery = false } = {}) =>
  (fromQuery ? z.coerce.number({ error: message }) : z.number({ error: message })).check(
    z.int({ error: message }),
    z.gte(min, { error: message }),
    z.lte(max, { error: message }),
  );

/**
 * `limit` (1–500, default 100) and the opaque `cursor` of the previous page. The cursor's form is
 * checked here; its signature, list and tenant by the list (`#lambda/page-cursor`), which needs
 * the key.
 */
export const pageQuery = {
  limit: z._default(
    wholeNumberIn(1, 500, 'Limit must be a whole number from 1 to 500', { fromQuery: true }),
    100,
  ),
  cursor: z.optional(
    z
      .string({ error: 'Cursor is not one this API gave out' })
      .check(
        z.maxLength(4096, { error: 'Cursor is not one this API gave out' }),
        z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { error: 'Cursor is not one this API gave out' }),
      ),
  ),
};

/** A required text field: trimmed, not empty, at most `max` characters; any problem is `description`. */
export const text = (description: string, max: number) =>
  z
    .string({ error: description })
    .check(z.trim(), z.minLength(1, { error: description }), z.maxLength(max, { error: description }));

export const email = (description: string) =>
  z
    .email({ pattern: mailboxAddressPattern, error: description })
    .check(z.maxLength(maxMailboxAddressLength, { error: description }));

/**
 * A customer number (e-conomic) or account (Uniconta) in an accounting system: a customer's in its
 * reseller's books, a reseller's in the platform's own books (adminMode exports).
 */
export const accountingSystemId = z
  .string({ error: 'Accounting system ID is invalid' })
  .check(
    z.trim(),
    z.minLength(1, { error: 'Accounting system ID is invalid' }),
    z.maxLength(50, { error: 'Accounting system ID is invalid' }),
  );

/**
 * Whether a JSON number has at most `decimals` decimals as written. Its shortest form decides, so
 * 0.0123 passes for 4 and 5e-324 (which JSON allows and DynamoDB cannot store) does not.
 */
export const hasAtMostDecimals = (value: number, decimals: number): boolean =>
  new RegExp(`^-?\\d+(\\.\\d{1,${decimals}})?$`).test(String(value));

/**
 * A unit price: finite, not negative, at most 4 decimals (per-minute and per-MB rates need more
 * than øre precision; line amounts are rounded to øre later), at most `moneyLimits.unitAmount`
 * (1,000,000,000 kr): the money limits keep every amount exact (packages/domain/src/invoice/README.md).
 */
export const unitAmount = (description: string) =>
  z.number({ error: description }).check(
    z.gte(0, { error: description }),
    z.lte(moneyLimits.unitAmount, { error: description }),
    z.refine((value) => hasAtMostDecimals(value, moneyLimits.unitAmountDecimals), { message: description }),
  );
