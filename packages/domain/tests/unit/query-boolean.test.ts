import { describe, expect, it } from 'vitest';
import { readQueryBoolean } from '../../src/query-boolean.ts';

describe('readQueryBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['0', false],
  ])('reads %s as %s', (value, expected) => {
    // Prepare: a value as a client typed it. Act: read it. Assess: the boolean it means.
    expect(readQueryBoolean(value)).toBe(expected);
  });

  it.each(['yes', 'no', 'on', '', ' true', 'true ', '01', '2', 'tru', undefined, 1, true])(
    'refuses %s rather than guess',
    (value) => expect(readQueryBoolean(value)).toBeUndefined(),
  );
});
