import { describe, expect, it, vi } from 'vitest';
import { createFakturaClient } from '../../src/client.ts';
import { answersAsDocumented, documentedAnswers, UndocumentedAnswer } from '../../src/documented-answers.ts';

/** A reference of one operation, GET /reseller/{id}: 200 with a reseller, 404 with an error. */
const reference = {
  paths: {
    '/reseller/{id}': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { _id: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } },
                  required: ['_id'],
                },
              },
            },
          },
          '404': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Error: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    },
  },
};

const clientAnswering = (status: number, body: unknown) =>
  createFakturaClient({
    baseUrl: 'https://api.example',
    token: 't',
    fetch: vi.fn(
      async (_input: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    ),
    middleware: [answersAsDocumented(reference as never)],
  });

const read = (status: number, body: unknown) =>
  clientAnswering(status, body).GET('/reseller/{id}', {
    params: { path: { id: '65f000000000000000000001' } },
  });

describe('answersAsDocumented', () => {
  it('lets an answer through that matches its status’s schema, $refs and formats included', async () => {
    // Act
    const found = await read(200, { _id: 'r1', createdAt: '2026-12-04T00:00:00.000Z' });
    const missing = await read(404, { message: 'not_found' });

    // Assess
    expect(found.data).toEqual({ _id: 'r1', createdAt: '2026-12-04T00:00:00.000Z' });
    expect(missing.error).toEqual({ message: 'not_found' });
  });

  it('fails on a body the reference does not describe, naming the operation and what differs', async () => {
    // Act
    const wrongType = read(200, { _id: 7 });
    const wrongFormat = read(200, { _id: 'r1', createdAt: 'yesterday' });
    const wrongError = read(404, { error: 'gone' });

    // Assess
    await expect(wrongType).rejects.toThrow(UndocumentedAnswer);
    await expect(wrongType).rejects.toThrow(
      'GET /reseller/{id} answered 200 with a body the reference does not describe: data/_id must be string',
    );
    await expect(wrongFormat).rejects.toThrow('data/createdAt must match format "date-time"');
    await expect(wrongError).rejects.toThrow("data must have required property 'message'");
  });

  it('fails on a status the reference does not document for the operation', async () => {
    await expect(read(500, { message: 'internal_error' })).rejects.toThrow(
      'GET /reseller/{id} answered 500, which the reference does not document (it documents 200, 404)',
    );
  });
});

describe('documentedAnswers', () => {
  const routes = {
    paths: {
      '/invoice': { get: {} },
      '/invoice/{id}': { get: {} },
      '/invoice/current': { get: {} },
      '/invoice/current/{id}': { delete: {} },
      '/integration/{system}/invoice/draft': { post: {} },
    },
  };

  it('finds the template a request path falls under, a literal segment before a parameter', () => {
    // Prepare
    const answers = documentedAnswers(routes as never);

    // Act & Assess
    expect(answers.templateOf('/invoice')).toBe('/invoice');
    expect(answers.templateOf('/invoice/65f000000000000000000001')).toBe('/invoice/{id}');
    expect(answers.templateOf('/invoice/current')).toBe('/invoice/current');
    expect(answers.templateOf('/invoice/current/abc')).toBe('/invoice/current/{id}');
    expect(answers.templateOf('/integration/economic/invoice/draft')).toBe(
      '/integration/{system}/invoice/draft',
    );
  });

  it('finds no template for a path the reference does not have', () => {
    // Prepare
    const answers = documentedAnswers(routes as never);

    // Act & Assess
    expect(answers.templateOf('/invoices')).toBeUndefined();
    expect(answers.templateOf('/invoice/a/b')).toBeUndefined();
    expect(answers.templateOf('/invoice/')).toBeUndefined();
    expect(answers.templateOf('/integration//invoice/draft')).toBeUndefined();
  });

  it('checks an answer received without the client, by method and template', async () => {
    // Prepare
    const answers = documentedAnswers(reference as never);
    const answer = (status: number, body: unknown) => ({
      status,
      contentType: 'application/json; charset=utf-8',
      body: async () => body,
    });

    // Act
    const documented = answers.check('GET', '/reseller/{id}', answer(200, { _id: 'r1' }));
    const wrongBody = answers.check('GET', '/reseller/{id}', answer(200, { _id: 1 }));
    const wrongMethod = answers.check('DELETE', '/reseller/{id}', answer(204, undefined));

    // Assess
    await expect(documented).resolves.toBeUndefined();
    await expect(wrongBody).rejects.toThrow(
      'GET /reseller/{id} answered 200 with a body the reference does not describe',
    );
    await expect(wrongMethod).rejects.toThrow('DELETE /reseller/{id} is not in the API reference');
  });

  it('lets the typed client share a check given instead of the reference', async () => {
    // Prepare
    const answers = documentedAnswers(reference as never);
    const check = vi.spyOn(answers, 'check');
    const client = createFakturaClient({
      baseUrl: 'https://api.example',
      token: 't',
      fetch: vi.fn(
        async (_input: string | URL | Request, _init?: RequestInit) =>
          new Response(JSON.stringify({ _id: 'r1' }), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          }),
      ),
      middleware: [answersAsDocumented(answers)],
    });

    // Act
    await client.GET('/reseller/{id}', { params: { path: { id: '65f000000000000000000001' } } });

    // Assess
    expect(check).toHaveBeenCalledTimes(1);
    expect(check).toHaveBeenCalledWith('GET', '/reseller/{id}', {
      status: 200,
      contentType: 'application/json',
      body: expect.any(Function),
    });
  });
});
