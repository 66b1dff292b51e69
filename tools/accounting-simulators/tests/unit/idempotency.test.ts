import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kit/clock.ts';
import type { SimResponse } from '../../src/kit/http.ts';
import { fingerprintOf, IdempotencyCache } from '../../src/kit/idempotency.ts';

const created = (number: number): SimResponse => ({ status: 201, json: { orderNumber: number } });

describe('IdempotencyCache', () => {
  it('runs the first request and replays its answer to a repeat with the same key', async () => {
    // Prepare
    const cache = new IdempotencyCache(new ManualClock());
    const fingerprint = fingerprintOf('POST', '/orders/drafts', { a: 1 });
    let runs = 0;
    const execute = async () => created(++runs);

    // Act
    const first = await cache.run('agreement', 'key-1', fingerprint, 'replay', execute);
    const second = await cache.run('agreement', 'key-1', fingerprint, 'replay', execute);

    // Assess
    expect(first).toEqual({ kind: 'executed', response: created(1) });
    expect(second).toEqual({ kind: 'replayed', response: { ...created(1), drop: false }, mismatch: false });
    expect(runs).toBe(1);
  });

  it('keeps keys apart per scope (agreement)', async () => {
    // Prepare
    const cache = new IdempotencyCache(new ManualClock());
    let runs = 0;
    const execute = async () => created(++runs);

    // Act
    await cache.run('agreement-1', 'key', 'f', 'replay', execute);
    const other = await cache.run('agreement-2', 'key', 'f', 'replay', execute);

    // Assess
    expect(other.kind).toBe('executed');
    expect(runs).toBe(2);
  });

  it('replays for a different request by default, and answers conflict under the conflict policy', async () => {
    // Prepare
    const cache = new IdempotencyCache(new ManualClock());
    await cache.run('a', 'key', fingerprintOf('POST', '/x', { n: 1 }), 'replay', async () => created(1));

    // Act
    const replayed = await cache.run('a', 'key', fingerprintOf('POST', '/x', { n: 2 }), 'replay', async () =>
      created(2),
    );
    const conflict = await cache.run(
      'a',
      'key',
      fingerprintOf('POST', '/x', { n: 2 }),
      'conflict',
      async () => created(2),
    );

    // Assess
    expect(replayed).toMatchObject({
      kind: 'replayed',
      mismatch: true,
      response: { json: { orderNumber: 1 } },
    });
    expect(conflict).toEqual({ kind: 'conflict' });
  });

  it('forgets a key after its time to live', async () => {
    // Prepare
    const clock = new ManualClock();
    const cache = new IdempotencyCache(clock);
    await cache.run('a', 'key', 'f', 'replay', async () => created(1));

    // Act
    clock.advance(60 * 60 * 1000 - 1);
    const within = await cache.run('a', 'key', 'f', 'replay', async () => created(2));
    clock.advance(1);
    const after = await cache.run('a', 'key', 'f', 'replay', async () => created(3));

    // Assess
    expect(within.kind).toBe('replayed');
    expect(after).toEqual({ kind: 'executed', response: created(3) });
  });

  it('does not keep a 5xx or 429 answer, so that a retry runs again', async () => {
    // Prepare
    const cache = new IdempotencyCache(new ManualClock());

    // Act
    await cache.run('a', 'key', 'f', 'replay', async () => ({ status: 503 }));
    await cache.run('a', 'key', 'f', 'replay', async () => ({ status: 429 }));
    const retried = await cache.run('a', 'key', 'f', 'replay', async () => created(1));

    // Assess
    expect(retried.kind).toBe('executed');
  });

  it('keeps a 4xx answer and the answer of a dropped connection (without the drop)', async () => {
    // Prepare
    const cache = new IdempotencyCache(new ManualClock());
    await cache.run('a', 'rejected', 'f', 'replay', async () => ({ status: 400, json: { message: 'no' } }));
    await cache.run('a', 'dropped', 'f', 'replay', async () => ({ ...created(7), drop: true }));

    // Act
    const rejected = await cache.run('a', 'rejected', 'f', 'replay', async () => created(1));
    const dropped = await cache.run('a', 'dropped', 'f', 'replay', async () => created(1));

    // Assess
    expect(rejected).toMatchObject({ kind: 'replayed', response: { status: 400 } });
    expect(dropped).toEqual({ kind: 'replayed', response: { ...created(7), drop: false }, mismatch: false });
  });

  it('makes a concurrent request with the same key wait for the first and replay it', async () => {
    // Prepare
    const cache = new IdempotencyCache(new ManualClock());
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const execute = async () => {
      runs += 1;
      await gate;
      return created(runs);
    };

    // Act
    const first = cache.run('a', 'key', 'f', 'replay', execute);
    const second = cache.run('a', 'key', 'f', 'replay', execute);
    release();
    const outcomes = await Promise.all([first, second]);

    // Assess
    expect(runs).toBe(1);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['executed', 'replayed']);
  });

  it('fingerprints the body with its keys in any order as the same request', () => {
    expect(fingerprintOf('POST', '/p', { a: 1, b: [1, { c: 2, d: 3 }] })).toBe(
      fingerprintOf('POST', '/p', { b: [1, { d: 3, c: 2 }], a: 1 }),
    );
    expect(fingerprintOf('POST', '/p', { a: 1 })).not.toBe(fingerprintOf('DELETE', '/p', { a: 1 }));
  });
});
