import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Refusal } from '#domain/refusal';
import { canonicalJson, readIdempotencyKey, requestFingerprint } from '../../src/idempotency.ts';

/** The request side of Idempotency-Key: what makes two requests the same one. */
const caller = { userId: 'user-1' };

/** The same object with its keys in another order, at every depth. */
const permuted = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((element, i) => permuted(element, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const rotated = keys.map((_, i) => keys[(i + seed) % keys.length]!).reverse();
  return Object.fromEntries(
    rotated.map((key) => [key, permuted((value as Record<string, unknown>)[key], seed + 1)]),
  );
};

/** A JSON body as a client sends it (what JSON.parse gives back). */
const jsonBody = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });

/** A value in the body made different: a changed leaf, an added key or a removed one. */
const changed = (
  body: Record<string, unknown>,
  key: string,
  replacement: unknown,
): Record<string, unknown> => ({
  ...body,
  [key]: replacement,
});

describe('requestFingerprint', () => {
  it('is the same for the same body with its keys in any order, at any depth', () => {
    fc.assert(
      fc.property(jsonBody, fc.nat(), (body, seed) => {
        // Act
        const original = requestFingerprint(body, caller);
        const reordered = requestFingerprint(permuted(body, seed), caller);
        const reparsed = requestFingerprint(
          JSON.parse(JSON.stringify(permuted(body, seed), null, 2)),
          caller,
        );

        // Assess
        expect(reordered).toBe(original);
        expect(reparsed).toBe(original);
      }),
    );
  });

  it('differs when any value changes, a key is added or removed, or another user sends it', () => {
    fc.assert(
      fc.property(
        jsonBody,
        fc.string({ maxLength: 8 }),
        fc.jsonValue({ maxDepth: 2 }),
        (body, key, value) => {
          // Own fields only: `toString` is no field of `{}`. (-0 and 0 are one JSON number.)
          const before = Object.hasOwn(body, key) ? body[key] : undefined;
          fc.pre(JSON.stringify(before) !== JSON.stringify(value));

          // Act
          const original = requestFingerprint(body, caller);
          const other = requestFingerprint(changed(body, key, value), caller);
          const withoutKey = Object.fromEntries(Object.entries(body).filter(([name]) => name !== key));

          // Assess
          expect(other).not.toBe(original);
          if (Object.hasOwn(body, key)) expect(requestFingerprint(withoutKey, caller)).not.toBe(original);
          expect(requestFingerprint(body, { userId: 'user-2' })).not.toBe(original);
        },
      ),
    );
  });

  it('keeps the order of arrays: lines in another order are another invoice', () => {
    // Act
    const one = requestFingerprint({ lines: [{ units: 1 }, { units: 2 }] }, caller);
    const other = requestFingerprint({ lines: [{ units: 2 }, { units: 1 }] }, caller);

    // Assess
    expect(one).not.toBe(other);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and reads back as the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        // Act
        const text = canonicalJson(value);

        // Assess
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(canonicalJson({ b: { d: 1, c: [2, { f: 3, e: 4 }] }, a: null })).toBe(
      '{"a":null,"b":{"c":[2,{"e":4,"f":3}],"d":1}}',
    );
  });
});

describe('readIdempotencyKey', () => {
  it('takes 1 to 255 visible ASCII characters and refuses anything else as 422 Idempotency-Key', () => {
    // Act
    const read = (value: string | undefined) => {
      try {
        return readIdempotencyKey({ 'idempotency-key': value });
      } catch (error) {
        return (error as Refusal).toBody();
      }
    };

    // Assess
    expect(read(undefined)).toBeUndefined();
    expect(read('order-42/retry_1')).toBe('order-42/retry_1');
    for (const bad of ['', 'with space', 'é', 'x'.repeat(256)]) {
      expect(read(bad)).toEqual({
        status: 422,
        message: 'Idempotency-Key',
        description: 'Idempotency-Key must be 1-255 visible ASCII characters',
      });
    }
  });
});
