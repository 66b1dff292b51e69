/**
 * The refusals of an `Idempotency-Key` (docs/architecture.md, "Idempotent creation"), the same for
 * every creating route: the key names the header, so the caller knows what to change.
 */
import { conflict, invalid } from './refusal.ts';

export const idempotencyKeyHeader = 'Idempotency-Key';

/** The same key with another body (or from another caller). */
export const idempotencyKeyReused = () =>
  invalid(idempotencyKeyHeader, 'Idempotency-Key was already used for another request');

/** Neither committed nor refused: the concurrent attempt failed or is very slow. Retrying is safe. */
export const stillInProgress = () =>
  conflict(
    idempotencyKeyHeader,
    'Another request with this Idempotency-Key is in progress; retry it to get its answer',
  );
