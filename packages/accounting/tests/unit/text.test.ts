import { describe, expect, it } from 'vitest';
import { escapeFilterValue } from '../../src/economic/filter.ts';
import { decimalPlaces, truncate, withoutNulls } from '../../src/text.ts';

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['  padded  ', 10, 'padded'],
    ['abcdefghij', 5, 'abcde'],
    ['abcd😀', 5, 'abcd'], // never half an emoji
    ['abc 😀', 6, 'abc 😀'],
    ['ab   cd', 4, 'ab'],
    ['   ', 5, undefined],
    [undefined, 5, undefined],
  ])('%j to %i → %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });
});

describe('decimalPlaces', () => {
  it.each([
    [25, 0],
    [0.1, 1],
    [412.5, 1],
    [5.07, 2],
    [0.0123, 4],
    [1e-7, 7],
    [1.5e-7, 8],
    [-0.005, 3],
    [1e21, 0],
    [Number.NaN, Number.POSITIVE_INFINITY],
  ])('%d has %d', (n, places) => {
    expect(decimalPlaces(n)).toBe(places);
  });
});

describe('withoutNulls', () => {
  it('drops null and undefined members and items, deeply', () => {
    expect(
      withoutNulls({ a: null, b: undefined, c: { d: null, e: 0, f: '' }, g: [1, null, { h: null }] }),
    ).toEqual({
      c: { e: 0, f: '' },
      g: [1, {}],
    });
  });
});

describe('escapeFilterValue', () => {
  it('escapes $ ( ) * , with a $ and leaves [ ] alone', () => {
    expect(escapeFilterValue('a$b(c)d*e,f[g]')).toBe('a$$b$(c$)d$*e$,f[g]');
  });
});
