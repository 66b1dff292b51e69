/**
 * Pacing: slowing our own calls down before the accounting system has to throttle us.
 *
 * e-conomic (contract §8) runs a token bucket per agreement and reports it on every response,
 * failures included: `X-RateLimiting: token-limit-<limit>-per-<seconds>-seconds: <used>/<limit>`
 * and `X-CallCost: <tokens>`. The sizes reported differ between sources (2,000 or 10,000 tokens
 * per 60 s), so nothing is hard-coded: the header is read at run time.
 *
 * The algorithm (TokenBucketPacer):
 * - the bucket holds `limit` tokens and refills continuously at `limit / seconds` tokens a second;
 * - after each response the remaining tokens are known exactly: `limit − used`, at that instant;
 *   between responses they are estimated as `min(limit, remaining + rate × elapsed)`;
 * - before a call of expected cost `c` (the last `X-CallCost` seen for that kind of call, else 1),
 *   if the estimate minus `c` would fall below a reserve (`reserveFraction` of the bucket, at least
 *   `c`), the call waits `(reserve + c − estimate) / rate` seconds, i.e. exactly until the refill
 *   has brought the bucket back to the reserve;
 * - the cost is then debited from the estimate at once, so that concurrent calls of the same
 *   process see each other;
 * - a response's header counts the calls the server had received when it answered, not the ones
 *   still on their way: the estimate it gives is lowered by the calls of this process booked at
 *   or after the answered call's sending and not yet answered themselves. Without that, each
 *   answer handed back the tokens of the calls in flight, and at a tight bucket a quarter of the
 *   calls were refused with 429.
 * The reserve leaves room for the agreement's other integrations and for our own calls in other
 * Lambda containers, which share the bucket but not this estimate.
 *
 * RequestRateCap is the configurable client-side cap (requests per second) used toward systems
 * without such a header (Uniconta counts calls per day and slows down past its allowance), or to
 * stay well under a bucket: calls are spaced at least 1/rate apart, in the order they ask.
 */

export interface RateLimitStatus {
  readonly limit: number;
  readonly windowSeconds: number;
  readonly used: number;
}

/**
 * The regex of the contract notes (§8, from Pogoe/EConomic.NET), with `token-` optional because
 * one source prints the policy as `limit-2000-per-60-seconds`.
 */
const RATE_LIMITING = /(?:token-)?limit-(\d+)-per-(\d+)-seconds\s*:\s*(\d+)\s*\/\s*\d+/i;

export const parseRateLimiting = (header: string | null | undefined): RateLimitStatus | undefined => {
  if (!header) return undefined;
  const match = RATE_LIMITING.exec(header);
  if (!match) return undefined;
  const limit = Number(match[1]);
  const windowSeconds = Number(match[2]);
  if (limit <= 0 || windowSeconds <= 0) return undefined;
  return { limit, windowSeconds, used: Number(match[3]) };
};

/** Something that can delay a call before it is sent and learn from the response. */
export interface Pacer {
  /** Milliseconds to wait before sending a call of this kind; reserves its cost. */
  delayBefore(costKey: string): number;
  /** Reads the rate-limit headers of a response (any status) to the call of this kind sent at `sentAt`. */
  observe(headers: Headers, costKey: string, sentAt?: number): void;
  /**
   * Whether, by the last answer's own rate header, the bucket holds a call of this kind now: a
   * 429 that says so was not the bucket refusing us (an outage, a limit of another kind), and
   * need not hold the other calls. Unknown (no header seen) is no.
   */
  hasRoomFor(costKey: string): boolean;
}

export interface TokenBucketPacerOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** The part of the bucket kept free, 0..1. Default 0.1. */
  readonly reserveFraction?: number;
}

/** A booked call never answered (its connection lost) stops counting as in flight after this long. */
const inFlightForgottenAfterMs = 60_000;

interface Booking {
  readonly costKey: string;
  readonly cost: number;
  readonly sendAt: number;
}

export class TokenBucketPacer implements Pacer {
  private readonly now: () => number;
  private readonly reserveFraction: number;
  private status?: { limit: number; ratePerMs: number; remaining: number; at: number };
  private readonly costs = new Map<string, number>();
  /** Calls booked by delayBefore and not yet answered. */
  private inFlight: Booking[] = [];

  public constructor(options: TokenBucketPacerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.reserveFraction = options.reserveFraction ?? 0.1;
  }

  public observe(headers: Headers, costKey: string, sentAt?: number): void {
    const answered = this.settle(costKey, sentAt);
    const cost = Number(headers.get('x-callcost'));
    if (Number.isFinite(cost) && cost > 0) this.costs.set(costKey, cost);
    const status = parseRateLimiting(headers.get('x-ratelimiting'));
    if (!status) return;
    const uncounted = this.inFlight
      .filter((booking) => answered === undefined || booking.sendAt >= answered.sendAt)
      .reduce((sum, booking) => sum + booking.cost, 0);
    this.status = {
      limit: status.limit,
      ratePerMs: status.limit / (status.windowSeconds * 1000),
      remaining: Math.max(0, status.limit - status.used) - uncounted,
      at: this.now(),
    };
  }

  /** Takes the answered call off the calls in flight (the booking of its kind nearest its sending), and forgets stale ones. */
  private settle(costKey: string, sentAt: number | undefined): Booking | undefined {
    const now = this.now();
    this.inFlight = this.inFlight.filter((booking) => booking.sendAt > now - inFlightForgottenAfterMs);
    let nearest = -1;
    for (const [index, booking] of this.inFlight.entries()) {
      if (booking.costKey !== costKey) continue;
      if (
        nearest < 0 ||
        (sentAt !== undefined &&
          Math.abs(booking.sendAt - sentAt) < Math.abs(this.inFlight[nearest]!.sendAt - sentAt))
      )
        nearest = index;
    }
    if (nearest < 0) return undefined;
    const [answered] = this.inFlight.splice(nearest, 1);
    return answered;
  }

  public delayBefore(costKey: string): number {
    const status = this.status;
    const cost = this.costs.get(costKey) ?? 1;
    const now = this.now();
    if (!status) {
      // Nothing known of the bucket yet; the call is in flight all the same.
      this.inFlight.push({ costKey, cost, sendAt: now });
      return 0;
    }
    // An earlier call of this process may already have booked the bucket into the future.
    const from = Math.max(now, status.at);
    const available = Math.min(status.limit, status.remaining + status.ratePerMs * (from - status.at));
    const reserve = Math.max(cost, Math.ceil(status.limit * this.reserveFraction));
    const shortfall = reserve + cost - available;
    const refillMs = shortfall > 0 ? Math.ceil(shortfall / status.ratePerMs) : 0;
    const sendAt = from + refillMs;
    this.status = {
      ...status,
      remaining: Math.min(status.limit, available + status.ratePerMs * refillMs) - cost,
      at: sendAt,
    };
    this.inFlight.push({ costKey, cost, sendAt });
    return sendAt - now;
  }

  public hasRoomFor(costKey: string): boolean {
    const estimate = this.estimate();
    if (!estimate) return false;
    const cost = this.costs.get(costKey) ?? 1;
    return estimate.remaining >= Math.max(cost, Math.ceil(estimate.limit * this.reserveFraction)) + cost;
  }

  /** The current estimate, for logs and tests. */
  public estimate(): { readonly limit: number; readonly remaining: number } | undefined {
    const status = this.status;
    if (!status) return undefined;
    const elapsed = Math.max(0, this.now() - status.at);
    return {
      limit: status.limit,
      remaining: Math.min(status.limit, status.remaining + status.ratePerMs * elapsed),
    };
  }
}

/** At most `requestsPerSecond` calls a second from this client, spaced evenly. */
export class RequestRateCap {
  private readonly intervalMs: number;
  private nextSlot = Number.NEGATIVE_INFINITY;

  public constructor(
    requestsPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(requestsPerSecond > 0))
      throw new RangeError(`requestsPerSecond must be > 0, not ${requestsPerSecond}`);
    this.intervalMs = 1000 / requestsPerSecond;
  }

  /** Milliseconds to wait before the next call; books its slot. */
  public reserve(): number {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    return Math.ceil(slot - now);
  }
}

export interface ThrottleSpacingOptions {
  /** The spacing after the first 429. Default 100 ms. */
  readonly firstSpacingMs?: number;
  readonly maxSpacingMs?: number;
  /** Each success shortens the spacing by this factor. Default 0.9. */
  readonly recovery?: number;
  /** Whether 429s set a spacing at all (a client paced by the system's own header needs none). Default true. */
  readonly learnSpacing?: boolean;
}

/**
 * What a client learns from the 429s of a system that tells nothing in advance (Uniconta has no
 * rate header; e-conomic's pacer can still be surprised by other integrations on the agreement).
 *
 * - A 429 holds every call of the client until its Retry-After (or backoff) has passed, so the
 *   calls under way elsewhere do not each spend a call on the same empty bucket.
 * - Multiplicative increase, multiplicative decrease, on the spacing between calls: a 429 doubles
 *   it (from `firstSpacingMs`), every success shortens it by `recovery`, so the client settles just
 *   under the rate the system allows it. Calls refused are calls spent: Uniconta counts them
 *   against the user's daily allowance. The 429s of calls sent before the last doubling are the
 *   same empty bucket seen by calls already under way: they hold, but do not double again.
 */
export class ThrottleSpacing {
  private spacingMs = 0;
  private nextSlot = Number.NEGATIVE_INFINITY;
  private heldUntil = Number.NEGATIVE_INFINITY;
  private widenedAt = Number.NEGATIVE_INFINITY;
  private readonly firstSpacingMs: number;
  private readonly maxSpacingMs: number;
  private readonly recovery: number;
  private readonly learnSpacing: boolean;

  public constructor(
    private readonly now: () => number = Date.now,
    options: ThrottleSpacingOptions = {},
  ) {
    this.firstSpacingMs = options.firstSpacingMs ?? 100;
    this.maxSpacingMs = options.maxSpacingMs ?? 5_000;
    this.recovery = options.recovery ?? 0.9;
    this.learnSpacing = options.learnSpacing ?? true;
  }

  /** Milliseconds to wait before the next call; books its slot. */
  public reserve(): number {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot, this.heldUntil);
    this.nextSlot = slot + this.spacingMs;
    return Math.ceil(slot - now);
  }

  /** A call sent at `sentAt` was answered 429; hold every call for `holdMs`. */
  public throttled(holdMs: number, sentAt: number): void {
    const now = this.now();
    this.heldUntil = Math.max(this.heldUntil, now + holdMs);
    if (!this.learnSpacing || sentAt < this.widenedAt) return;
    this.widenedAt = now;
    this.spacingMs = Math.min(
      this.maxSpacingMs,
      this.spacingMs === 0 ? this.firstSpacingMs : this.spacingMs * 2,
    );
  }

  public succeeded(): void {
    this.spacingMs = this.spacingMs * this.recovery < 1 ? 0 : this.spacingMs * this.recovery;
  }

  /** The current spacing between calls, for logs and tests. */
  public spacing(): number {
    return this.spacingMs;
  }
}
