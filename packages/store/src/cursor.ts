import { InvalidCursorError } from '#app/ports/store';

/**
 * Paging cursors are DynamoDB's LastEvaluatedKey, opaque to callers (base64url JSON). A cursor
 * that does not decode is the caller's mistake (InvalidCursorError), never a 500.
 */

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

export const decodeCursor = (cursor: string | undefined): Record<string, unknown> | undefined => {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new InvalidCursorError('The cursor is not one this API gave out');
  }
};
