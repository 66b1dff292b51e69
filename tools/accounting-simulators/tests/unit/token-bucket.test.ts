import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kit/clock.ts';
import { RateLimiter, TokenBucket, windowSeconds } from '../../src/kit/token-bucket.ts';

describe('TokenBucket', () => {
  it('lets a burst up to its capacity through and refuses the next call with the seconds until it can pay', () => {
    // Prepare
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 0.5 }, clock);

    // Act
    const burst = Array.from({ length: 5 }, () => bucket.take(1));
    const refused = bucket.take(1);

    // Assess
    expect(burst.every((result) => result.allowed)).toBe(true);
    expect(burst.map((result) => result.used)).toEqual([1, 2, 3, 4, 5]);
    expect(refused).toEqual({ allowed: false, cost: 1, used: 5, retryAfterSeconds: 2 });
  });

  it('refills at its rate as the clock moves, never above its capacity', () => {
    // Prepare
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 10, refillPerSecond: 2 }, clock);
    for (let i = 0; i < 10; i += 1) bucket.take(1);

    // Act
    clock.advance(1_000);
    const afterOneSecond = bucket.used();
    clock.advance(60_000);
    const afterAMinute = bucket.used();

    // Assess
    expect(afterOneSecond).toBe(8);
    expect(afterAMinute).toBe(0);
  });

  it('charges a call its cost, and a cost above the capacity as the capacity', () => {
    // Prepare
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 10, refillPerSecond: 1 }, clock);

    // Act
    const expensive = bucket.take(13);
    const next = bucket.take(3);

    // Assess
    expect(expensive).toEqual({ allowed: true, cost: 10, used: 10 });
    expect(next).toEqual({ allowed: false, cost: 3, used: 10, retryAfterSeconds: 3 });
  });

  it('names the refill window: the seconds an empty bucket takes to fill', () => {
    expect(windowSeconds({ capacity: 10_000, refillPerSecond: 10_000 / 60 })).toBe(60);
    expect(windowSeconds({ capacity: 2_000, refillPerSecond: 30 })).toBe(67);
    expect(windowSeconds({ capacity: 1, refillPerSecond: 100 })).toBe(1);
  });
});

describe('RateLimiter', () => {
  it('keeps one bucket per key', () => {
    // Prepare
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 }, new ManualClock());

    // Act
    const first = limiter.bucket('agreement-1').take(1);
    const second = limiter.bucket('agreement-2').take(1);
    const again = limiter.bucket('agreement-1').take(1);

    // Assess
    expect([first.allowed, second.allowed, again.allowed]).toEqual([true, true, false]);
  });
});
