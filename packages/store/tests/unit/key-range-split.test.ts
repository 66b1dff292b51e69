import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangesWorth, splitKeyRange } from '../../src/key-range-split.ts';
import { invoicesByDateSortCharacters } from '../../src/keys.ts';

const hex = '0123456789abcdef';
const hexDigits = invoicesByDateSortCharacters;
/** A key as the invoices-by-date index has it: a local midnight, then an id of 24 hex characters. */
const invoiceKey = (instant: string, id: string) => `${instant}#${id}`;

describe('splitKeyRange', () => {
  it('answers ascending points inside [low, high] for any two keys and alphabet', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii', maxLength: 40 }),
        fc.string({ unit: 'binary-ascii', maxLength: 40 }),
        fc.integer({ min: 2, max: 40 }),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }),
        (a, b, parts, alphabet) => {
          // Prepare
          const [low, high] = a < b ? [a, b] : [b, a];
          const characters = [...new Set(alphabet)].sort().join('');

          // Act
          const points = splitKeyRange(low, high, parts, characters);

          // Assess
          expect(low === high ? [0] : [0, parts - 1]).toContain(points.length);
          for (const [index, point] of points.entries()) {
            expect(point >= low && point <= high).toBe(true);
            if (index > 0) expect(point >= points[index - 1]!).toBe(true);
          }
        },
      ),
    );
  });

  it('answers one fewer point than the parts for keys written in the alphabet that read as different numbers', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...hex), minLength: 1, maxLength: 30 }),
        fc.string({ unit: fc.constantFrom(...hex), minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 40 }),
        (a, b, parts) => {
          // A key and itself followed by the alphabet's first character only ("b", "b0") read as
          // the same number: the case below
          fc.pre(a.replace(/0+$/, '') !== b.replace(/0+$/, ''));
          // Prepare
          const [low, high] = a < b ? [a, b] : [b, a];

          // Act
          const points = splitKeyRange(low, high, parts, invoicesByDateSortCharacters);

          // Assess
          expect(points).toHaveLength(parts - 1);
        },
      ),
    );
  });

  it('reads a range whole when its keys differ only by trailing first characters of the alphabet', () => {
    // Act: nothing lies between "b" and "b0" in the alphabet, and as numbers they are equal
    const points = splitKeyRange('b', 'b00', 4, invoicesByDateSortCharacters);

    // Assess
    expect(points).toEqual([]);
    expect(splitKeyRange('b', 'b01', 2, invoicesByDateSortCharacters)).toHaveLength(1);
  });

  it('spreads ids of one invoice date over the parts (balance, not correctness, rests on this)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom(...hex), minLength: 16, maxLength: 16 }), {
          minLength: 2000,
          maxLength: 2000,
        }),
        (randomParts) => {
          // Prepare: ids made within the same minute, as a month-end close makes them
          const keys = randomParts
            .map((random, index) =>
              invoiceKey(
                '2026-10-31T23:00:00.000Z',
                `6b1326${(index % 60).toString(16).padStart(2, '0')}${random}`,
              ),
            )
            .sort();

          // Act
          const points = splitKeyRange(keys[0]!, keys.at(-1)!, 8, invoicesByDateSortCharacters);

          // Assess: no range holds more than twice its share
          const cuts = [keys[0]!, ...points, keys.at(-1)!];
          const counts = cuts
            .slice(1)
            .map((to, index) => keys.filter((key) => key >= cuts[index]! && key <= to).length);
          expect(Math.max(...counts)).toBeLessThanOrEqual((2 * keys.length) / 8);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('cuts the part the two keys do not share, keeping what they share', () => {
    // Act
    const points = splitKeyRange(
      invoiceKey('2026-10-31T23:00:00.000Z', '6b1326000000000000000000'),
      invoiceKey('2026-10-31T23:00:00.000Z', '6b1326ff0000000000000000'),
      4,
      invoicesByDateSortCharacters,
    );

    // Assess
    expect(points.map((point) => point.slice(0, 31))).toEqual([
      '2026-10-31T23:00:00.000Z#6b1326',
      '2026-10-31T23:00:00.000Z#6b1326',
      '2026-10-31T23:00:00.000Z#6b1326',
    ]);
    expect(points.map((point) => point.slice(31, 33))).toEqual(['3f', '7f', 'bf']);
  });

  it('answers no points for fewer than two parts or an empty range', () => {
    expect(splitKeyRange('a', 'b', 1, 'ab')).toEqual([]);
    expect(splitKeyRange('b', 'b', 4, 'ab')).toEqual([]);
  });
});

describe('rangesWorth', () => {
  const key = (id: number) =>
    invoiceKey('2026-10-31T23:00:00.000Z', `6b13${id.toString(16).padStart(6, '0')}`);

  it('answers about two ranges for each first page’s worth of keys left', () => {
    // The first page read keys 0–1000; 17,000 more of the same spread are left: 17 pages, 34 halves
    expect(rangesWorth(key(0), key(1000), key(18_000), hexDigits, 64)).toBe(34);
    expect(rangesWorth(key(0), key(1000), key(1500), hexDigits, 64)).toBe(1);
    expect(rangesWorth(key(0), key(1000), key(2000), hexDigits, 64)).toBe(2);
  });

  it('answers at most the most, and the most when the first page cannot be measured', () => {
    expect(rangesWorth(key(0), key(1000), key(18_000), hexDigits, 16)).toBe(16);
    expect(rangesWorth(key(7), key(7), key(18_000), hexDigits, 16)).toBe(16);
  });

  it('answers between 1 and the most for any keys', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary-ascii', maxLength: 30 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 40 }),
        (keys, most) => {
          const [first, low, high] = keys.sort();
          const ranges = rangesWorth(first!, low!, high!, invoicesByDateSortCharacters, most);
          expect(ranges >= 1 && ranges <= most && Number.isInteger(ranges)).toBe(true);
        },
      ),
    );
  });
});
