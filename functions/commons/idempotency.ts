/**
 * `Idempotency-Key` for the creating routes that keep their first answer in the store
 * (POST /invoice/current, /customer, /product, /reseller; POST /invoice keeps it in the invoice itself, see
 * functions/invoice/idempotent-replay.ts). The order is what makes a retry safe: the first answer is
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
import type { Caller } from '#lambda/caller';
import { ApiError } from '#lambda/errors';
import { idempotencyKeyHeader, idempotencyKeyReused, requestFingerprint } from '#lambda/idempotency';
import { idempotencyStore } from '#wiring/store';

export interface RememberedRequest {
  readonly scope: IdempotencyScope;
  readonly fingerprint: string;
}

export const rememberedRequest = (
  scope: IdempotencyScope,
  body: unknown,
  caller: Pick<Caller, 'userId'>,
): RememberedRequest => ({ scope, fingerprint: requestFingerprint(body, caller) });

/** The record to write with the created object: this request's fingerprint and its answer. */
export const recordOf = (request: RememberedRequest, answer: RememberedAnswer): IdempotencyRecord => ({
  fingerprint: request.fingerprint,
  answer,
});

/** The same request answers what it answered before; another request under the key is refused. */
export const replayOrRefuse = <T>(fingerprint: string, earlier: { fingerprint?: string; answer: T }): T => {
  if (earlier.fingerprint !== fingerprint) throw idempotencyKeyReused();
  return earlier.answer;
};

/** The first answer to this request, if there was one (422 if the key was used for another request). */
export const rememberedAnswer = async (request: RememberedRequest): Promise<RememberedAnswer | undefined> => {
  const earlier = await idempotencyStore.getIdempotencyRecord(request.scope);
  return earlier && replayOrRefuse(request.fingerprint, earlier);
};

/**
 * Looks for what a concurrent attempt is committing, a few times over about 1.5 s: an attempt that
 * lost the race may look before the winner's transaction is visible.
 */
export const awaitEarlier = async <T>(read: () => Promise<T | undefined>): Promise<T | undefined> => {
  for (const delay of [0, 25, 50, 100, 200, 400, 800]) {
    if (delay > 0) await sleep(delay);
    const found = await read();
    if (found !== undefined) return found;
  }
  return undefined;
};

/** Neither committed nor refused: the concurrent attempt failed or is very slow. Retrying is safe. */
export const stillInProgress = () =>
  new ApiError(
    409,
    idempotencyKeyHeader,
    'Another request with this Idempotency-Key is in progress; retry it to get its answer',
  );

/** The answer of the attempt that won the race for the key. */
export const answerOfWinner = async (request: RememberedRequest): Promise<RememberedAnswer> => {
  const answer = await awaitEarlier(() => rememberedAnswer(request));
  if (!answer) throw stillInProgress();
  return answer;
};

/** What a creating route makes of a new request: its answer, and the write that makes it true. */
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
  request: RememberedRequest | undefined,
  create: () => Promise<Creation>,
): Promise<RememberedAnswer> => {
  const earlier = request && (await rememberedAnswer(request));
  if (earlier) return earlier;
  const { answer, write } = await create();
  try {
    await write(request && { scope: request.scope, record: recordOf(request, answer) });
  } catch (error) {
    if (!request || !(error instanceof IdempotencyKeyTaken)) throw error;
    return answerOfWinner(request);
  }
  return answer;
};
