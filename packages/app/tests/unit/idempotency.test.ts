import { describe, expect, it, vi } from 'vitest';
import { createOnce, rememberedRequest, replayOrRefuse, withKey } from '#app/idempotency';
import { IdempotencyKeyTaken } from '#app/ports/store';
import { resellerA } from './fixtures.ts';

const scope = { reseller: resellerA, route: 'POST /customer', key: 'key-1' };
const request = { scope, fingerprint: 'fp-1' };
const answer = { status: 201, json: { _id: 'new' } };
const noWaits = [0, 0, 0];

const recordsHolding = (...records: ({ fingerprint: string; answer: unknown } | undefined)[]) => ({
  getIdempotencyRecord: vi.fn(async () => records.shift() as never),
});

describe('withKey and rememberedRequest', () => {
  it('make no request without a key, and fingerprint only when there is one', () => {
    // Prepare
    const fingerprint = vi.fn(() => 'fp-1');

    // Act
    const none = withKey(undefined, fingerprint);
    const some = withKey('key-1', fingerprint);

    // Assess
    expect(none).toBeUndefined();
    expect(some).toEqual({ key: 'key-1', fingerprint: 'fp-1' });
    expect(fingerprint).toHaveBeenCalledTimes(1);
    expect(rememberedRequest(none, { route: 'POST /product' })).toBeUndefined();
    expect(rememberedRequest(some, { reseller: resellerA, route: 'POST /customer' })).toEqual(request);
  });
});

describe('replayOrRefuse', () => {
  it('answers the same request again and refuses another one under the key', () => {
    // Act
    const replayed = replayOrRefuse('fp-1', { fingerprint: 'fp-1', answer });
    const refused = (() => {
      try {
        return replayOrRefuse('fp-2', { fingerprint: 'fp-1', answer });
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(replayed).toBe(answer);
    expect((refused as { toBody(): unknown }).toBody()).toEqual({
      status: 422,
      message: 'Idempotency-Key',
      description: 'Idempotency-Key was already used for another request',
    });
  });
});

describe('createOnce', () => {
  it('creates and writes without a record when there is no key', async () => {
    // Prepare
    const records = recordsHolding();
    const write = vi.fn(async () => undefined);

    // Act
    const result = await createOnce(records, undefined, async () => ({ answer, write }));

    // Assess
    expect(result).toBe(answer);
    expect(records.getIdempotencyRecord).not.toHaveBeenCalled();
    expect(write).toHaveBeenCalledWith(undefined);
  });

  it('writes the record with the object for a new key', async () => {
    // Prepare
    const records = recordsHolding(undefined);
    const write = vi.fn(async () => undefined);

    // Act
    const result = await createOnce(records, request, async () => ({ answer, write }));

    // Assess
    expect(result).toBe(answer);
    expect(records.getIdempotencyRecord).toHaveBeenCalledWith(scope);
    expect(write).toHaveBeenCalledWith({ scope, record: { fingerprint: 'fp-1', answer } });
  });

  it('answers the first answer of a retried request before any check of the current state', async () => {
    // Prepare
    const first = { status: 201, json: { _id: 'first' } };
    const records = recordsHolding({ fingerprint: 'fp-1', answer: first });
    const create = vi.fn();

    // Act
    const result = await createOnce(records, request, create);

    // Assess
    expect(result).toBe(first);
    expect(create).not.toHaveBeenCalled();
  });

  it('answers the winner’s answer when a concurrent attempt took the key meanwhile', async () => {
    // Prepare
    const winner = { status: 201, json: { _id: 'winner' } };
    const records = recordsHolding(undefined, undefined, { fingerprint: 'fp-1', answer: winner });
    const write = vi.fn(async () => {
      throw new IdempotencyKeyTaken();
    });

    // Act
    const result = await createOnce(records, request, async () => ({ answer, write }), noWaits);

    // Assess
    expect(result).toBe(winner);
    expect(records.getIdempotencyRecord).toHaveBeenCalledTimes(3);
  });

  it('refuses with 409 when the winner’s answer never shows', async () => {
    // Prepare
    const records = recordsHolding();
    const write = vi.fn(async () => {
      throw new IdempotencyKeyTaken();
    });

    // Act
    const error = await createOnce(records, request, async () => ({ answer, write }), noWaits).catch(
      (thrown: unknown) => thrown,
    );

    // Assess
    expect((error as { toBody(): unknown }).toBody()).toEqual({
      status: 409,
      message: 'Idempotency-Key',
      description: 'Another request with this Idempotency-Key is in progress; retry it to get its answer',
    });
    expect(records.getIdempotencyRecord).toHaveBeenCalledTimes(1 + noWaits.length);
  });

  it('lets any other write failure through', async () => {
    // Prepare
    const failure = new Error('DynamoDB is down');
    const write = vi.fn(async () => {
      throw failure;
    });

    // Act
    const error = await createOnce(recordsHolding(), request, async () => ({ answer, write })).catch(
      (thrown: unknown) => thrown,
    );

    // Assess
    expect(error).toBe(failure);
  });
});
