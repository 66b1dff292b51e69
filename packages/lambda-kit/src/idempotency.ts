import { createHash } from 'node:crypto';
import { idempotencyKeyHeader } from '#domain/idempotency';
import { invalid } from '#domain/refusal';
import type { Caller } from './caller.ts';

/**
 * The request side of `Idempotency-Key` (docs/architecture.md, "Idempotent creation"): reading the
 * header, and the fingerprint that tells a retry of a request from another request under the same
 * key. Where the first answer is kept is the store's (packages/store/src/idempotency.ts) or, for an
 * invoice, the invoice's own.
 */

/** Visible ASCII, as most APIs that take the header allow (a UUID, a hash, an order number). */
const wellFormedKey = /^[\x21-\x7e]{1,255}$/;

/** The header's value; absent → undefined; malformed → 422 `Idempotency-Key`. */
export const readIdempotencyKey = (
  headers: Readonly<Record<string, string | undefined>>,
): string | undefined => {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!wellFormedKey.test(key)) {
    throw invalid(idempotencyKeyHeader, 'Idempotency-Key must be 1-255 visible ASCII characters');
  }
  return key;
};

/**
 * JSON with every object's keys sorted, at every depth; arrays keep their order (it is meaningful).
 * Whitespace and key order are not part of what a client meant, so they are not part of the text.
 * Values JSON leaves out (undefined, functions) are left out here too.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((element) => canonicalJson(element ?? null)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => {
      const field = (value as Record<string, unknown>)[key];
      return field !== undefined && typeof field !== 'function';
    })
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
};

/**
 * What makes two requests "the same": the body (canonical) and who sent it. Another user re-using a
 * key is another request (422), never a replay of someone else's answer.
 */
export const requestFingerprint = (body: unknown, caller: Pick<Caller, 'userId'>): string =>
  createHash('sha256')
    .update(canonicalJson({ body, caller: caller.userId }))
    .digest('hex');
