/**
 * `Idempotency-Key` for the creating routes that keep their first answer in the store (POST
 * /invoice/current, /customer, /product, /reseller; POST /invoice keeps it in the invoice itself,
 * see invoices/invoice-idempotency.ts). The order is what makes a retry safe: the first answer is
 * looked up before any check of the current state (a retry must not fail because the first attempt
 * changed that state), and the write carries the record on the condition that the key is new, so
 * concurrent first attempts commit once; the others answer what the winner answered.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdempotencyKeyTaken,
  type IdempotencyRecord,
  type IdempotencyScope,
  type Remember,
  type RememberedAnswer,
} from '#app/ports/store';
import { idempotencyKeyReused, stillInProgress } from '#domain/idempotency';

export interface IdempotencyRecords {
  getIdempotencyRecord(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined>;
}

/** A request under a key: where its record is kept, and the fingerprint that tells a retry. */
export interface RememberedRequest {
  readonly scope: IdempotencyScope;
  readonly fingerprint: string;
}

/** The key and fingerprint the API read from a request (no key: undefined). */
export interface IdempotencyKeyOf {
  readonly key: string;
  readonly fingerprint: string;
}

/** The key the API read (none: undefined) with the request's fingerprint, made only when there is a key. */
export const withKey = (key: string | undefined, fingerprint: () => string): IdempotencyKeyOf | undefined =>
  key === undefined ? undefined : { key, fingerprint: fingerprint() };

export const rememberedRequest = (
  key: IdempotencyKeyOf | undefined,
  scope: Omit<IdempotencyScope, 'key'>,
): RememberedRequest | undefined =>
  key && { scope: { ...scope, key: key.key }, fingerprint: key.fingerprint };

/** The same request answers what it answered before; another request under the key is refused. */
export const replayOrRefuse = <T>(fingerprint: string, earlier: { fingerprint?: string; answer: T }): T => {
  if (earlier.fingerprint !== fingerprint) throw idempotencyKeyReused();
  return earlier.answer;
};

const rememberedAnswer = async (
  records: IdempotencyRecords,
  request: RememberedRequest,
): Promise<RememberedAnswer | undefined> => {
  const earlier = await records.getIdempotencyRecord(request.scope);
  return earlier && replayOrRefuse(request.fingerprint, earlier);
};

/** The waits between looks for a concurrent attempt's commit: about 1.5 s in all. */
export const earlierAttemptWaits = [0, 25, 50, 100, 200, 400, 800];

/**
 * Looks for what a concurrent attempt is committing, a few times: an attempt that lost the race
 * may look before the winner's transaction is visible.
 */
export const awaitEarlier = async <T>(
  read: () => Promise<T | undefined>,
  waits: readonly number[] = earlierAttemptWaits,
): Promise<T | undefined> => {
  for (const delay of waits) {
    if (delay > 0) await sleep(delay);
    const found = await read();
    if (found !== undefined) return found;
  }
  return undefined;
};

/** What a creating use case makes of a new request: its answer, and the write that makes it true. */
export interface Creation {
  readonly answer: RememberedAnswer;
  readonly write: (remember?: Remember) => Promise<void>;
}

/**
 * A creating request, once per key: the first answer when this request was made before (before
 * `create` runs any check of the current state); otherwise `create`'s object, written with the
 * record, or, when a concurrent attempt took the key meanwhile, that attempt's answer.
 * Without a request (no key) it simply creates.
 */
export const createOnce = async (
  records: IdempotencyRecords,
  request: RememberedRequest | undefined,
  create: () => Promise<Creation>,
  waits: readonly number[] = earlierAttemptWaits,
): Promise<RememberedAnswer> => {
  const earlier = request && (await rememberedAnswer(records, request));
  if (earlier) return earlier;
  const { answer, write } = await create();
  try {
    await write(request && { scope: request.scope, record: { fingerprint: request.fingerprint, answer } });
  } catch (error) {
    if (!request || !(error instanceof IdempotencyKeyTaken)) throw error;
    const winner = await awaitEarlier(() => rememberedAnswer(records, request), waits);
    if (!winner) throw stillInProgress();
    return winner;
  }
  return answer;
};
