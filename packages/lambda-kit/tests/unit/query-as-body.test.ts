import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { exportRequestBody } from '#api/export-request';
import { httpHandler } from '../../src/http-handler.ts';
import { queryOrBody } from '../../src/query-as-body.ts';
import { context, httpEvent, resellerClaims } from './helpers.ts';

/** The export route's own body, taken from the query or the body, answered as read. */
const echo = httpHandler({
  access: ['RESELLER'],
  body: queryOrBody(exportRequestBody),
  handle: async ({ body }) => ({ status: 200, json: body }),
});

const call = async (query?: Record<string, string>, body?: unknown) => {
  const result = await echo(
    httpEvent({
      claims: resellerClaims,
      ...(query ? { queryStringParameters: query } : {}),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    context,
  );
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
};

const id = (digit: string) => digit.repeat(24);

describe('queryOrBody', () => {
  it('reads every field from the query as its type: numbers, booleans in any case, lists', async () => {
    // Act
    const response = await call({
      reseller: id('a'),
      layout: '24',
      invoiceDate: '2026-01-01',
      groupInvoiceLines: 'TRUE',
      adminMode: '0',
      externalLicenses: 'False',
      invoicesToOmit: `${id('b')},${id('c')}`,
    });

    // Assess
    expect(response).toEqual({
      status: 200,
      body: {
        reseller: id('a'),
        layout: 24,
        invoiceDate: '2026-01-01',
        groupInvoiceLines: true,
        adminMode: false,
        externalLicenses: false,
        invoicesToOmit: [id('b'), id('c')],
      },
    });
  });

  it('reads `key[]` as the list `key`', async () => {
    // Act
    const response = await call({ 'invoicesToOmit[]': `${id('b')},${id('c')}` });

    // Assess
    expect(response.body).toEqual({ invoicesToOmit: [id('b'), id('c')] });
  });

  it('takes no body and no query as the empty body', async () => {
    // Act
    const response = await call();

    // Assess
    expect(response).toEqual({ status: 200, body: {} });
  });

  it('lets each field of the body win over the same query parameter, and keeps the others', async () => {
    // Act
    const response = await call({ layout: '7', groupInvoiceLines: '1' }, { layout: 9 });

    // Assess
    expect(response.body).toEqual({ layout: 9, groupInvoiceLines: true });
  });

  it.each([
    ['layout', 'abc'],
    ['layout', '1.5'],
    ['layout', '0'],
    ['groupInvoiceLines', 'yes'],
    ['invoicesToOmit', 'nope'],
    ['invoiceDate', '2026-13-01'],
  ])('refuses %s=%s with 422 naming it', async (key, value) => {
    // Act
    const response = await call({ [key]: value });

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe(key.startsWith('invoicesToOmit') ? 'invoicesToOmit[0]' : key);
  });

  it('answers the query’s and the body’s problems at once, and an unknown parameter', async () => {
    // Act
    const response = await call({ layout: 'abc', typo: '1' }, { adminMode: 'yes' });

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('multiple');
    expect(response.body.errors.map((error: { message: string }) => error.message)).toEqual([
      'layout',
      'query',
      'adminMode',
    ]);
  });

  it('still refuses a body that is not an object', async () => {
    // Act
    const response = await call({}, [1]);

    // Assess
    expect(response.status).toBe(400);
  });
});

describe('queryOrBody, declared', () => {
  it('refuses a schema with a required field, which the query or the body alone would miss', () => {
    // Act
    const declare = () =>
      queryOrBody(z.strictObject({ reseller: z.string(), layout: z.optional(z.number()) }));

    // Assess
    expect(declare).toThrowError('queryOrBody takes optional fields only; required: reseller');
    expect(() => queryOrBody(z.strictObject({ limit: z._default(z.number(), 3) }))).not.toThrow();
  });
});
