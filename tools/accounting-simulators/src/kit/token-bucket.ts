import type { Clock } from './clock.ts';

/**
 * A token bucket, e-conomic style (contract §8): every call costs tokens, the bucket refills at a
 * steady rate up to its capacity, and a call the bucket cannot pay for is refused (429) with the
 * number of seconds after which it could be paid for.
 */
export interface RateLimitConfig {
  /** Tokens the bucket holds when full: the burst a caller may spend at once. */
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
}

export type TakeResult =
  | { readonly allowed: true; readonly cost: number; readonly used: number }
  | {
      readonly allowed: false;
      readonly cost: number;
      readonly used: number;
      readonly retryAfterSeconds: number;
    };

export class TokenBucket {
  private tokens: number;
  private last: number;

  public constructor(
    public readonly config: RateLimitConfig,
    private readonly clock: Clock,
  ) {
    this.tokens = config.capacity;
    this.last = clock.now();
  }

  /** Takes `cost` tokens if the bucket holds them; a cost above the capacity is charged as the capacity. */
  public take(cost: number): TakeResult {
    this.refill();
    const charged = Math.min(cost, this.config.capacity);
    if (this.tokens + 1e-9 >= charged) {
      this.tokens = Math.max(0, this.tokens - charged);
      return { allowed: true, cost: charged, used: this.used() };
    }
    const missing = charged - this.tokens;
    return {
      allowed: false,
      cost: charged,
      used: this.used(),
      retryAfterSeconds: Math.max(1, Math.ceil(missing / this.config.refillPerSecond)),
    };
  }

  /** Tokens spent and not yet refilled, as a whole number (what `X-RateLimiting` reports). */
  public used(): number {
    this.refill();
    return Math.min(this.config.capacity, Math.max(0, Math.ceil(this.config.capacity - this.tokens - 1e-9)));
  }

  /** The refill window the policy names: the seconds an empty bucket takes to fill (at least 1). */
  public get windowSeconds(): number {
    return windowSeconds(this.config);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.config.capacity, this.tokens + elapsed * this.config.refillPerSecond);
  }
}

export const windowSeconds = (config: RateLimitConfig): number =>
  Math.max(1, Math.round(config.capacity / config.refillPerSecond));

/** One bucket per key (an e-conomic agreement, a Uniconta user), all with the same policy. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  public constructor(
    public readonly config: RateLimitConfig,
    private readonly clock: Clock,
  ) {}

  public bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.config, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
