export interface IdempotencyScope {
  /** The tenant whose partition keeps the record; none for the platform's own routes (ADMIN only). */
  readonly reseller?: string;
  /** The route, so that one key used on two routes means two requests. */
  readonly route: string;
  readonly key: string;
}

export interface RememberedAnswer {
  readonly status: number;
  readonly json: unknown;
}

export interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly answer: RememberedAnswer;
}

/** What a creating write remembers with what it creates (docs/architecture.md, "Idempotent creation"). */
export interface Remember {
  readonly scope: IdempotencyScope;
  readonly record: IdempotencyRecord;
}

/** The key was taken by a concurrent attempt (committed, or still in flight) while this one wrote. */
export class IdempotencyKeyTaken extends Error {
  public override readonly name = 'IdempotencyKeyTaken';
}
