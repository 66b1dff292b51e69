import { createHash } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { SimResponse } from './http.ts';

/**
 * The Idempotency-Key cache (e-conomic, contract §8): the first response to a key is kept for
 * `ttlMs` (one hour, as documented for the OpenAPI services and assumed for legacy REST) and
 * replayed, with `X-ResultFromCache: true`, to every later request with the same key in the same
 * scope (one agreement). A request that arrives while the first one with its key is still being
 * handled waits for it and gets its replay.
 *
 * What is kept: final answers of the handler (2xx, 4xx). Not kept: 5xx (the request may be
 * retried and should then run), and what never reached the handler (401/403/429, bursts).
 */
export type IdempotencyMismatchPolicy = 'replay' | 'conflict';

export type IdempotentOutcome =
  | { readonly kind: 'executed'; readonly response: SimResponse }
  | { readonly kind: 'replayed'; readonly response: SimResponse; readonly mismatch: boolean }
  | { readonly kind: 'conflict' };

interface Entry {
  readonly fingerprint: string;
  storedAt: number;
  response?: SimResponse;
  pending?: Promise<void>;
}

/** Method, path and the body with its keys sorted: what "the same request" means. */
export const fingerprintOf = (method: string, path: string, body: unknown): string =>
  createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');

const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
};

/** An answer worth replaying: not a failure the client may retry, nor a call dropped before any answer existed (status 0). */
const cacheable = (response: SimResponse): boolean =>
  response.status > 0 && response.status < 500 && response.status !== 429;

export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();

  public constructor(
    private readonly clock: Clock,
    public ttlMs = 60 * 60 * 1000,
  ) {}

  public clear(): void {
    this.entries.clear();
  }

  /** Runs `execute` once per (scope, key) within the TTL; later requests get its answer replayed. */
  public async run(
    scope: string,
    key: string,
    fingerprint: string,
    policy: IdempotencyMismatchPolicy,
    execute: () => Promise<SimResponse>,
  ): Promise<IdempotentOutcome> {
    const id = `${scope}\u0000${key}`;
    for (;;) {
      this.purge();
      const existing = this.entries.get(id);
      if (existing?.pending) {
        await existing.pending;
        continue;
      }
      if (existing?.response) {
        const mismatch = existing.fingerprint !== fingerprint;
        if (mismatch && policy === 'conflict') return { kind: 'conflict' };
        return { kind: 'replayed', response: existing.response, mismatch };
      }
      const entry: Entry = { fingerprint, storedAt: this.clock.now() };
      let settle: () => void = () => {};
      entry.pending = new Promise<void>((resolve) => {
        settle = resolve;
      });
      this.entries.set(id, entry);
      try {
        const response = await execute();
        if (cacheable(response)) {
          entry.response = { ...response, drop: false };
          entry.storedAt = this.clock.now();
        } else {
          this.entries.delete(id);
        }
        return { kind: 'executed', response };
      } catch (error) {
        this.entries.delete(id);
        throw error;
      } finally {
        entry.pending = undefined;
        settle();
      }
    }
  }

  private purge(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.entries) {
      if (!entry.pending && now - entry.storedAt >= this.ttlMs) this.entries.delete(id);
    }
  }
}
