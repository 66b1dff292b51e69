import { randomBytes } from 'node:crypto';

/**
 * Ids are stored and answered as 24 lowercase hex characters (MongoDB ObjectId form): four bytes
 * of creation time in seconds, then eight random bytes. The time prefix keeps ids roughly ordered
 * by creation, which makes listings that sort by id read naturally.
 */
export const objectIdPattern = /^[0-9a-f]{24}$/;

/**
 * An id as a client may write it: the seeds' own examples are upper case (`1234567890ABCDEF12345678`),
 * so either case is the same id. Read input with `readObjectId`, which answers the stored form.
 */
export const objectIdInputPattern = /^[0-9a-fA-F]{24}$/;

/** A stored id: lowercase. Input goes through `readObjectId` first. */
export const isObjectId = (value: unknown): value is string =>
  typeof value === 'string' && objectIdPattern.test(value);

/** The id a request names, in its stored (lowercase) form, or undefined when it is no id. */
export const readObjectId = (value: unknown): string | undefined =>
  typeof value === 'string' && objectIdInputPattern.test(value) ? value.toLowerCase() : undefined;

export const newId = (now: Date = new Date()): string => {
  const seconds = Math.floor(now.getTime() / 1000);
  return seconds.toString(16).padStart(8, '0').slice(-8) + randomBytes(8).toString('hex');
};
