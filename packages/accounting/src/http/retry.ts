/**
 * When to try a request again, and how long to wait first.
 *
 * - Only idempotent requests are retried: GET, and a POST/PUT/DELETE that carries an
 *   `Idempotency-Key` (e-conomic replays the first answer for it). Anything else may have taken
 *   effect when its answer was lost; the adapter above must find out before trying again.
 * - Only the errors a retry can fix: throttling (429) and unavailability (5xx, timeouts, dropped
 *   connections). A rejected request or failed credentials stay failed.
 * - Backoff is exponential with FULL jitter (sleep a uniformly random time between 0 and
 *   min(cap, base × 2^(retry − 1))), which spreads out clients that failed together better than
 *   equal or no jitter.
 * - A `Retry-After` (seconds or an HTTP date) is honoured: the wait is that long plus a random part
 *   of one base delay, so that clients told the same instant do not all come back at it. A
 *   `Retry-After` longer than `maxRetryAfterMs` is not waited out inside a Lambda: the error goes up
 *   with `retryAfterSeconds` for the export saga's own Retry to wait.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included; 1 means never retry. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  /** The cap of the exponential part. */
  readonly maxDelayMs: number;
  /** The longest `Retry-After` waited out in-process. */
  readonly maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** GET always; a write only when it carries an Idempotency-Key. */
export const isIdempotent = (method: HttpMethod, idempotencyKey: string | undefined): boolean =>
  method === 'GET' || (idempotencyKey !== undefined && idempotencyKey !== '');

/** Full jitter: random(0, min(cap, base × 2^(retry − 1))), for the `retry`-th retry (1, 2, …). */
export const backoffDelayMs = (retry: number, policy: RetryPolicy, random: () => number): number => {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
};

/**
 * `Retry-After` in seconds: delta-seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"),
 * relative to `nowMs`. A date in the past is 0; anything unreadable is undefined.
 */
export const parseRetryAfter = (value: string | null | undefined, nowMs: number): number | undefined => {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
};

/** How long to wait after a `Retry-After`: the time asked for plus a jitter of at most one base delay. */
export const retryAfterDelayMs = (
  retryAfterSeconds: number,
  policy: RetryPolicy,
  random: () => number,
): number => Math.ceil(retryAfterSeconds * 1000 + random() * policy.baseDelayMs);
