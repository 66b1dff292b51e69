import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { controlCharacterError, firstControlCharacter } from '../../src/control-characters.ts';
import { httpHandler } from '../../src/http-handler.ts';
import { adminClaims, context, httpEvent } from './helpers.ts';

/** A route that takes any object and any query, and gives both back: only the kit can refuse. */
const echo = httpHandler({
  access: ['ADMIN'],
  query: z.record(z.string(), z.string()),
  body: z.record(z.string(), z.unknown()),
  handle: async ({ body, query }) => ({ status: 200, json: { body, query } }),
});

const call = (
  body: unknown,
  extra: { query?: Record<string, string>; headers?: Record<string, string> } = {},
) => {
  const event = httpEvent({
    claims: adminClaims,
    body: JSON.stringify(body),
    ...(extra.query ? { queryStringParameters: extra.query } : {}),
  });
  if (extra.headers) Object.assign(event.headers, extra.headers);
  return echo(event, context).then((result) => ({
    status: result.statusCode,
    body: JSON.parse(result.body ?? 'null'),
  }));
};

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/** One character text may hold: tab, line feed, printable ASCII, anything from U+00A0 up (pairs included). */
const allowedCharacter = fc.oneof(
  fc.constantFrom('\t', '\n'),
  fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc
    .integer({ min: 0xa0, max: 0x10ffff })
    .filter((code) => !isSurrogate(code))
    .map((code) => String.fromCodePoint(code)),
);
const cleanText = fc.array(allowedCharacter, { maxLength: 40 }).map((characters) => characters.join(''));

/** One refused UTF-16 unit: C0 but tab and line feed, DEL, C1, or a surrogate on its own. */
const refusedUnit = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x08 }),
    fc.integer({ min: 0x0b, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )
  .map((code) => String.fromCharCode(code));

/** A clean text with a refused unit put anywhere in it (even between the halves of a pair). */
const dirtyText = fc.tuple(cleanText, refusedUnit, fc.nat()).map(([text, unit, at]) => {
  const index = at % (text.length + 1);
  return text.slice(0, index) + unit + text.slice(index);
});

describe('control characters in request texts', () => {
  it('finds a refused character in any text that holds one', () => {
    fc.assert(fc.property(dirtyText, (text) => firstControlCharacter(text) !== undefined));
  });

  it('finds nothing in any text without one', () => {
    fc.assert(fc.property(cleanText, (text) => firstControlCharacter(text) === undefined));
  });

  it('refuses any body field holding one with 422 naming the field, before the route runs', async () => {
    await fc.assert(
      fc.asyncProperty(dirtyText, cleanText, async (dirty, clean) => {
        // Act
        const response = await call({ name: clean, lines: [{ description: dirty }] });

        // Assess
        expect(response.status).toBe(422);
        expect(response.body).toEqual({
          status: 422,
          message: 'lines[0].description',
          description: expect.stringMatching(
            /^lines\[0\]\.description contains a control character \(U\+[0-9A-F]{4}\); only tab and line feed are allowed in text$/,
          ),
        });
      }),
      { numRuns: 60 },
    );
  });

  it('passes any body and query without one through unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(cleanText, cleanText, async (name, note) => {
        // Act
        const response = await call({ name, nested: { notes: [note, name] } }, { query: { q: note } });

        // Assess
        expect(response).toEqual({
          status: 200,
          body: { body: { name, nested: { notes: [note, name] } }, query: { q: note } },
        });
      }),
      { numRuns: 60 },
    );
  });

  it('reports every offending field at once as 422 multiple: body, query value and Idempotency-Key', async () => {
    // Act
    const response = await call(
      { name: 'Nul\u0000', lines: [{ description: 'ok' }, { description: 'esc \u001b[31m' }] },
      { query: { system_id: 'a\u0085b' }, headers: { 'idempotency-key': 'key\u0090' } },
    );

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('multiple');
    expect(response.body.errors.map((error: { message: string }) => error.message)).toEqual([
      'Idempotency-Key',
      'system_id',
      'name',
      'lines[1].description',
    ]);
    expect(response.body.errors[0]).toEqual({
      status: 422,
      message: 'Idempotency-Key',
      description:
        'Idempotency-Key contains a control character (U+0090); only tab and line feed are allowed in text',
    });
  });

  it('refuses a lone surrogate sent as a JSON escape, and a carriage return', async () => {
    // Act
    const surrogate = await echo(
      httpEvent({ claims: adminClaims, body: '{"name":"half \\ud83d of a pair"}' }),
      context,
    );
    const carriageReturn = await call({ note: 'line\r\nbreak' });

    // Assess
    expect(JSON.parse(surrogate.body ?? '')).toMatchObject({ status: 422, message: 'name' });
    expect(JSON.parse(surrogate.body ?? '').description).toContain('(U+D83D)');
    expect(carriageReturn.body).toMatchObject({ status: 422, message: 'note' });
    expect(carriageReturn.body.description).toContain('(U+000D)');
  });

  it('keeps tabs, line feeds and characters outside the BMP', async () => {
    const text = 'Tab\there\nand an emoji 😀 and Ærø';

    const response = await call({ note: text });

    expect(response).toEqual({ status: 200, body: { body: { note: text }, query: {} } });
  });

  it('names the object of a field name holding one, never the name itself', async () => {
    const response = await call({ finance: { 'bad\u0007name': 1 } });

    expect(response.body).toEqual({
      status: 422,
      message: 'finance',
      description:
        'A field name contains a control character (U+0007); only tab and line feed are allowed in text',
    });
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    // Prepare: 50,000 levels of arrays around one bad text
    let body: unknown = 'bell\u0007';
    for (let depth = 0; depth < 50_000; depth += 1) body = [body];

    // Act
    const error = controlCharacterError({ body: { deep: body } });

    // Assess
    expect(error?.status).toBe(422);
    expect(error?.key.startsWith('deep[0][0]')).toBe(true);
  });
});
