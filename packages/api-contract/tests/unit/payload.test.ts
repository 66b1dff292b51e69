import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPayloadBytes, payloadBytes, textPayloadBytes } from '../../src/payload.ts';

describe('payloadBytes', () => {
  it('counts a body as Lambda carries it: one JSON string inside the proxy result', () => {
    // Prepare: quotes and backslashes are escaped once more, multi-byte characters count as bytes
    const value = { text: 'a"b\\c', name: 'Kunde ÆØÅ' };

    // Act & Assess
    expect(payloadBytes(value)).toBe(
      Buffer.byteLength(JSON.stringify({ body: JSON.stringify(value) })) - `{"body":""}`.length,
    );
    expect(textPayloadBytes('"')).toBe(2);
    expect(textPayloadBytes('æ')).toBe(2);
  });

  it('is the bytes of the value’s JSON text, whatever the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(payloadBytes(value)).toBe(textPayloadBytes(JSON.stringify(value)));
        expect(payloadBytes(value)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(value)));
      }),
    );
  });

  it('counts every text as its escaped copy would take, control characters and lone surrogates too', () => {
    // Prepare: texts of any UTF-16 units, and the escapes JSON has
    const texts = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({
        unit: fc.constantFrom('"', '\\', '\n', '\u0001', '\ud800', '\udc00', '😀', 'æ', 'a', '\u007f'),
      }),
    );

    fc.assert(
      fc.property(texts, (text) => {
        // Act & Assess
        expect(textPayloadBytes(text)).toBe(Buffer.byteLength(JSON.stringify(text)) - 2);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a text JSON.stringify made by its quotes and backslashes alone, as the full count would', () => {
    // Prepare: values holding texts of any UTF-16 units, control characters and lone surrogates included
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', '\ud800', '\udc00', '😀', 'æ', 'a') }),
    );
    const values = fc.oneof(text, fc.array(text), fc.dictionary(text, fc.oneof(text, fc.integer())));

    fc.assert(
      fc.property(values, (value) => {
        // Act
        const json = JSON.stringify(value);

        // Assess
        expect(jsonPayloadBytes(json)).toBe(textPayloadBytes(json));
      }),
      { numRuns: 300 },
    );
  });
});
