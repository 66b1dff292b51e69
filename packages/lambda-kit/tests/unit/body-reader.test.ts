import { describe, expect, it, vi } from 'vitest';
import { bodyReader, httpHandler } from '../../src/http-handler.ts';
import { context, httpEvent, resellerClaims } from './helpers.ts';

/** A route that reads its body field by field (as POST /invoice does) and answers what it read. */
const routeReading = (read: (body: Readonly<Record<string, unknown>>) => unknown) =>
  httpHandler({
    access: ['ADMIN', 'RESELLER'],
    body: bodyReader((body, caller) => ({ read: read(body), role: caller.role })),
    handle: async ({ body }) => ({ status: 200, json: body }),
  });

const parse = (result: { body?: string }) => JSON.parse(result.body ?? 'null');

describe('bodyReader', () => {
  it('hands the reader the JSON object and the caller, and the route what it read', async () => {
    // Prepare
    const read = vi.fn((body: Readonly<Record<string, unknown>>) => ({ fields: Object.keys(body) }));
    const event = httpEvent({ claims: resellerClaims, body: JSON.stringify({ customer: 'c', lines: [] }) });

    // Act
    const result = await routeReading(read)(event, context);

    // Assess
    expect(read).toHaveBeenCalledExactlyOnceWith({ customer: 'c', lines: [] });
    expect(result.statusCode).toBe(200);
    expect(parse(result)).toEqual({ read: { fields: ['customer', 'lines'] }, role: 'RESELLER' });
  });

  it.each([
    ['an array', '[1, 2]', 400, 'bad_request'],
    ['malformed JSON', '{"customer":', 400, 'bad_request'],
    ['a control character in a field', JSON.stringify({ headline: 'a\u0007b' }), 422, 'headline'],
  ])('refuses %s before the reader sees it', async (_, body, status, key) => {
    // Prepare
    const read = vi.fn();

    // Act
    const result = await routeReading(read)(httpEvent({ claims: resellerClaims, body }), context);

    // Assess
    expect(read).not.toHaveBeenCalled();
    expect(result.statusCode).toBe(status);
    expect(parse(result).message).toBe(key);
  });
});
