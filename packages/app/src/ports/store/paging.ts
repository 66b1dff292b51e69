/** One page of a list, and where the next begins (opaque to callers; absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

/**
 * A cursor that does not decode, or belongs to another list: the caller's mistake, reported as such
 * rather than as a 500.
 */
export class InvalidCursorError extends Error {
  public override readonly name = 'InvalidCursorError';
}
