import { describe, expect, it } from 'vitest';
import {
  parseRateLimiting,
  RequestRateCap,
  ThrottleSpacing,
  TokenBucketPacer,
} from '../../../src/http/pacer.ts';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  isIdempotent,
  parseRetryAfter,
} from '../../../src/http/retry.ts';
import { manualClock } from '../helpers.ts';

const headers = (rateLimiting: string, cost?: number) =>
  new Headers({
    'X-RateLimiting': rateLimiting,
    ...(cost === undefined ? {} : { 'X-CallCost': String(cost) }),
  });

describe('parseRateLimiting', () => {
  it.each([
    ['token-limit-10000-per-60-seconds: 147/10000', { limit: 10000, windowSeconds: 60, used: 147 }],
    ['token-limit-2000-per-60-seconds:1450 / 2000', { limit: 2000, windowSeconds: 60, used: 1450 }],
    ['limit-2000-per-60-seconds: 1450/2000', { limit: 2000, windowSeconds: 60, used: 1450 }],
  ])('reads %s', (header, status) => {
    expect(parseRateLimiting(header)).toEqual(status);
  });

  it.each([[null], [''], ['token-limit-0-per-60-seconds: 0/0'], ['garbage']])('ignores %s', (header) => {
    expect(parseRateLimiting(header)).toBeUndefined();
  });
});

describe('TokenBucketPacer', () => {
  it('does not wait before it has seen a header, nor while the bucket is well above the reserve', () => {
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });

    expect(pacer.delayBefore('GET /customers')).toBe(0);
    pacer.observe(headers('token-limit-2000-per-60-seconds: 100/2000', 1), 'GET /customers');
    expect(pacer.delayBefore('GET /customers')).toBe(0);
  });

  it('waits until the refill brings the bucket back to the reserve, for the cost of that kind of call', () => {
    // Prepare: 2,000 tokens per 60 s = 1 token per 30 ms; 1,850 used → 150 left; reserve 200
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });
    pacer.observe(headers('token-limit-2000-per-60-seconds: 1850/2000', 13), 'GET /invoices/booked/{n}');

    // Act
    const wait = pacer.delayBefore('GET /invoices/booked/{n}');

    // Assess: (200 + 13 − 150) tokens × 30 ms
    expect(wait).toBe(63 * 30);
  });

  it('counts the refill since the header was read', () => {
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });
    pacer.observe(headers('token-limit-100-per-10-seconds: 100/100'), 'k');

    clock.advance(500); // +5 tokens

    expect(pacer.delayBefore('k')).toBe(600); // (10 + 1 − 5) × 100 ms
  });

  it('books each call so that concurrent calls of one process queue up behind each other', () => {
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });
    pacer.observe(headers('token-limit-100-per-10-seconds: 89/100'), 'k'); // 11 left = reserve + 1

    const waits = [pacer.delayBefore('k'), pacer.delayBefore('k'), pacer.delayBefore('k')];

    expect(waits).toEqual([0, 100, 200]);
  });

  it('counts the calls still in flight, which the answer’s header has not counted yet', () => {
    // Prepare: 12 tokens left, reserve 10; two calls go out at once
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });
    pacer.observe(headers('token-limit-100-per-10-seconds: 88/100'), 'k');
    const sentAt = clock.now();
    expect([pacer.delayBefore('k'), pacer.delayBefore('k')]).toEqual([0, 0]);

    // Act: the first is answered; the server has counted it, not the second, still on its way
    pacer.observe(headers('token-limit-100-per-10-seconds: 89/100'), 'k', sentAt);
    const wait = pacer.delayBefore('k');

    // Assess: 11 left by the header, 10 once the second call lands: the third waits for one token
    expect(wait).toBe(100);
  });

  it('counts a call answered as no longer in flight, and one never answered not forever', () => {
    // Prepare
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });
    pacer.observe(headers('token-limit-100-per-10-seconds: 50/100'), 'k');
    const sentAt = clock.now();
    pacer.delayBefore('k');
    pacer.delayBefore('lost');

    // Act
    pacer.observe(headers('token-limit-100-per-10-seconds: 51/100'), 'k', sentAt);
    const whileLost = pacer.estimate()?.remaining;
    clock.advance(61_000);
    pacer.observe(headers('token-limit-100-per-10-seconds: 0/100'), 'k');
    const afterwards = pacer.estimate()?.remaining;

    // Assess: the lost call counts until it is stale, then the header alone
    expect(whileLost).toBe(48);
    expect(afterwards).toBe(100);
  });

  it('says whether the bucket holds a call now: not before a header, yes above the reserve, no at it', () => {
    // Prepare: 100 tokens, reserve 10, calls of cost 2
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });
    const unknown = pacer.hasRoomFor('POST /orders/drafts');

    // Act
    pacer.observe(headers('token-limit-100-per-10-seconds: 50/100', 2), 'POST /orders/drafts');
    const withRoom = pacer.hasRoomFor('POST /orders/drafts');
    pacer.observe(headers('token-limit-100-per-10-seconds: 89/100', 2), 'POST /orders/drafts');
    const atTheReserve = pacer.hasRoomFor('POST /orders/drafts');

    // Assess: 11 left is under the reserve of 10 plus the call's 2
    expect(unknown).toBe(false);
    expect(withRoom).toBe(true);
    expect(atTheReserve).toBe(false);
  });

  it('takes a configurable reserve', () => {
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now, reserveFraction: 0.5 });
    pacer.observe(headers('token-limit-100-per-10-seconds: 60/100'), 'k'); // 40 left, reserve 50

    expect(pacer.delayBefore('k')).toBe(1100);
  });
});

describe('RequestRateCap', () => {
  it('spaces calls evenly at the configured rate', () => {
    const clock = manualClock();
    const cap = new RequestRateCap(5, clock.now);

    expect([cap.reserve(), cap.reserve(), cap.reserve()]).toEqual([0, 200, 400]);
    clock.advance(2000);
    expect(cap.reserve()).toBe(0);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RequestRateCap(0)).toThrow(RangeError);
  });
});

describe('retry policy', () => {
  it.each([
    ['GET', undefined, true],
    ['POST', 'key', true],
    ['DELETE', 'key', true],
    ['POST', undefined, false],
    ['DELETE', undefined, false],
    ['PUT', '', false],
  ] as const)('%s with key %s is idempotent: %s', (method, key, expected) => {
    expect(isIdempotent(method, key)).toBe(expected);
  });

  it('draws the backoff uniformly from 0 up to the exponential ceiling (full jitter)', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };

    expect([1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it.each([
    ['0', 0],
    ['15', 15],
    ['Sat, 31 Oct 2026 12:01:00 GMT', 60],
    ['Sat, 31 Oct 2026 11:00:00 GMT', 0],
    ['soon', undefined],
  ])('reads Retry-After %s as %s seconds', (value, seconds) => {
    expect(parseRetryAfter(value, Date.parse('2026-10-31T12:00:00Z'))).toBe(seconds);
  });
});

describe('ThrottleSpacing', () => {
  it('holds every call until the hold of a 429 has passed, then spaces calls from 100 ms', () => {
    // Prepare
    const clock = manualClock(0);
    const spacing = new ThrottleSpacing(clock.now);

    // Act
    const before = spacing.reserve();
    spacing.throttled(1_000, 0);
    const waits = [spacing.reserve(), spacing.reserve(), spacing.reserve()];

    // Assess
    expect(before).toBe(0);
    expect(waits).toEqual([1_000, 1_100, 1_200]);
  });

  it('doubles the spacing on every 429 up to its maximum, and narrows it on success until it is gone', () => {
    // Prepare
    const clock = manualClock(0);
    const spacing = new ThrottleSpacing(clock.now, { maxSpacingMs: 500, recovery: 0.5 });

    // Act: each 429 answers a call sent after the previous widening
    const widened = [1, 2, 3, 4].map(() => {
      clock.advance(10);
      spacing.throttled(0, clock.now());
      return spacing.spacing();
    });
    const narrowed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(() => {
      spacing.succeeded();
      return spacing.spacing();
    });

    // Assess
    expect(widened).toEqual([100, 200, 400, 500]);
    expect(narrowed.slice(0, 3)).toEqual([250, 125, 62.5]);
    expect(narrowed.at(-1)).toBe(0);
  });
});

describe('ThrottleSpacing: one empty bucket, one widening', () => {
  it('does not widen again for the 429s of calls that were already under way', () => {
    // Prepare: three calls sent at t = 0, all answered 429 a moment later
    const clock = manualClock(0);
    const spacing = new ThrottleSpacing(clock.now);
    clock.advance(150);

    // Act
    for (let call = 0; call < 3; call += 1) spacing.throttled(0, 0);

    // Assess
    expect(spacing.spacing()).toBe(100);
  });

  it('learns no spacing when the client is paced by a rate header, but still holds', () => {
    // Prepare
    const spacing = new ThrottleSpacing(manualClock(0).now, { learnSpacing: false });

    // Act
    spacing.throttled(500, 0);

    // Assess
    expect(spacing.spacing()).toBe(0);
    expect([spacing.reserve(), spacing.reserve()]).toEqual([500, 500]);
  });
});
