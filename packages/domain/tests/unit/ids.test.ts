import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isObjectId, newId, readObjectId } from '../../src/ids.ts';

describe('newId', () => {
  it('makes 24 lowercase hex characters, as the seeds use', () => {
    expect(newId()).toMatch(/^[0-9a-f]{24}$/);
  });

  it('starts with the creation time, so later ids sort after earlier ones', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2001-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.nat(1e9),
        (date, later) => {
          const first = newId(date);
          const second = newId(new Date(date.getTime() + 1000 + later));
          expect(first.slice(0, 8) < second.slice(0, 8)).toBe(true);
        },
      ),
    );
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId()));
    expect(ids.size).toBe(10_000);
  });
});

describe('isObjectId', () => {
  it.each(['54a978806d30733986cfa817', newId()])('accepts %s', (id) => expect(isObjectId(id)).toBe(true));
  it.each(['54A978806D30733986CFA817', '54a978806d30733986cfa81', 'x'.repeat(24), 42, undefined])(
    'refuses %s',
    (value) => expect(isObjectId(value)).toBe(false),
  );
});

describe('readObjectId', () => {
  it.each([
    ['54a978806d30733986cfa817', '54a978806d30733986cfa817'],
    ['1234567890ABCDEF12345678', '1234567890abcdef12345678'],
    ['54A978806d30733986CFA817', '54a978806d30733986cfa817'],
  ])('reads %s as %s, either case being the same id', (input, stored) => {
    // Prepare: an id as a client wrote it. Act: read it. Assess: the stored, lowercase form.
    expect(readObjectId(input)).toBe(stored);
  });

  it.each(['54a978806d30733986cfa81', 'g'.repeat(24), ' 54a978806d30733986cfa817', 42, null, undefined])(
    'refuses %s',
    (value) => expect(readObjectId(value)).toBeUndefined(),
  );

  it('reads every id newId makes as itself, in any case', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2001-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (date) => {
          const id = newId(date);
          expect(readObjectId(id.toUpperCase())).toBe(id);
        },
      ),
    );
  });
});
