import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../src/export-tracking/instant.ts';

/** Instants whose every form has a four-digit year, to the millisecond. */
const instants = fc
  .date({
    min: new Date('1000-01-01T00:00:00.000Z'),
    max: new Date('9999-12-30T00:00:00.000Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());
const pad = (n: number) => String(n).padStart(2, '0');

describe('parseInstant (not_exported_since)', () => {
  it.each([
    ['2026-11-01 13:45:00', '2026-11-01T13:45:00.000Z'],
    ['2026-11-01T13:45:00Z', '2026-11-01T13:45:00.000Z'],
    ['2026-11-01T13:45:00.5Z', '2026-11-01T13:45:00.500Z'],
    ['2026-11-01T14:45:00+01:00', '2026-11-01T13:45:00.000Z'],
    ['2026-11-01T14:45:00+0100', '2026-11-01T13:45:00.000Z'],
    ['2026-11-01T14:45+01', '2026-11-01T13:45:00.000Z'],
    ['2026-11-01T08:15:00-05:30', '2026-11-01T13:45:00.000Z'],
    ['2026-11-01T13:45:00', '2026-11-01T13:45:00.000Z'],
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(parseInstant(text)).toBe(instant);
  });

  it.each([
    'yesterday',
    '',
    '2026-11-01T',
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-11-01 24:00:00',
    '2026-11-01T13:60:00Z',
    '2026-11-01 13:45:00Z',
    '2026-11-01T13:45:00+24:00',
    '2026-11-01T13:45:00 +01:00',
    '1762000000',
    '01-11-2026',
  ])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });

  it('reads every instant back from its ISO form, its seed form and its date', () => {
    fc.assert(
      fc.property(instants, (iso) => {
        // Prepare
        const seconds = `${iso.slice(0, 19)}.000Z`;

        // Act / Assess
        expect(parseInstant(iso)).toBe(iso);
        expect(parseInstant(iso.slice(0, 19).replace('T', ' '))).toBe(seconds);
        expect(parseInstant(iso.slice(0, 10))).toBe(`${iso.slice(0, 10)}T00:00:00.000Z`);
      }),
    );
  });

  it('reads the same instant written at any offset', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }), (iso, offset) => {
        // Prepare: the wall clock at that offset, written with it
        const local = new Date(Date.parse(iso) + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
        fc.pre(/^\d{4}-/.test(local));

        // Act / Assess
        expect(parseInstant(`${local}${zone}`)).toBe(iso);
        expect(parseInstant(`${local}${zone.replace(':', '')}`)).toBe(iso);
      }),
    );
  });

  it('answers an instant or nothing, never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9T:Z+ .-]{4,30}$/)), (text) => {
        // Act
        const instant = parseInstant(text);

        // Assess
        if (instant !== undefined) expect(new Date(instant).toISOString()).toBe(instant);
      }),
    );
  });
});
