import * as z from 'zod';
import { mailboxAddressPattern, maxMailboxAddressLength } from '#domain/email-address';
import { isObjectId } from '#domain/ids';

/** The path parameter of a single-resource route: a 24-hex id, or the URL itself is wrong (400). */
export const idPath = z.object({
  id: z
    .string()
    .refine(isObjectId, { message: 'Id not found in request URI: expected a 24-character hex id' }),
});

export const objectId = (description: string) =>
  z.string({ error: description }).refine(isObjectId, { message: description });

/**
 * `limit` (1–500, default 100) and the opaque `cursor` of the previous page. The cursor's form is
 * checked here; its signature, list and tenant by the list (`#lambda/page-cursor`), which needs
 * the key.
 */
export const pageQuery = {
  limit: z.coerce
    .number({ error: 'Limit must be a whole number from 1 to 500' })
    .int({ error: 'Limit must be a whole number from 1 to 500' })
    .min(1, { error: 'Limit must be a whole number from 1 to 500' })
    .max(500, { error: 'Limit must be a whole number from 1 to 500' })
    .default(100),
  cursor: z
    .string({ error: 'Cursor is not one this API gave out' })
    .max(4096, { error: 'Cursor is not one this API gave out' })
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { error: 'Cursor is not one this API gave out' })
    .optional(),
};

export const email = (description: string) =>
  z
    .email({ pattern: mailboxAddressPattern, error: description })
    .max(maxMailboxAddressLength, { error: description });

/**
 * A customer number (e-conomic) or account (Uniconta) in an accounting system: a customer's in its
 * reseller's books, a reseller's in the platform's own books (adminMode exports).
 */
export const accountingSystemId = z
  .string({ error: 'Accounting system ID is invalid' })
  .trim()
  .min(1, { error: 'Accounting system ID is invalid' })
  .max(50, { error: 'Accounting system ID is invalid' });

/**
 * Whether a JSON number has at most `decimals` decimals as written. Its shortest form decides, so
 * 0.0123 passes for 4 and 5e-324 (which JSON allows and DynamoDB cannot store) does not.
 */
export const hasAtMostDecimals = (value: number, decimals: number): boolean =>
  new RegExp(`^-?\\d+(\\.\\d{1,${decimals}})?$`).test(String(value));
