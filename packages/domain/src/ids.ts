import { randomBytes } from 'node:crypto';

/**
 * Ids are 24 lowercase hex characters, as in the seed documents (MongoDB ObjectId form): four bytes
 * of creation time in seconds, then eight random bytes. The time prefix keeps ids roughly ordered
 * by creation, which makes listings that sort by id read naturally.
 */
export const objectIdPattern = /^[0-9a-f]{24}$/;

export const isObjectId = (value: unknown): value is string =>
  typeof value === 'string' && objectIdPattern.test(value);

export const newId = (now: Date = new Date()): string => {
  const seconds = Math.floor(now.getTime() / 1000);
  return seconds.toString(16).padStart(8, '0').slice(-8) + randomBytes(8).toString('hex');
};
