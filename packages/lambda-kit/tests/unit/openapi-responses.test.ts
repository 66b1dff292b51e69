import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { httpHandler, type RouteDocs } from '../../src/http-handler.ts';
import { buildOpenApi } from '../../src/openapi.ts';

const info = { title: 't', version: '1', description: 'd' };

/** The route as a handler defines it, with the docs that live beside the handler. */
type RouteWithDocs = Parameters<typeof httpHandler>[0] & { docs?: RouteDocs };

const referenceOf = ({ docs, ...route }: RouteWithDocs, path: string, method = 'POST') =>
  buildOpenApi(
    [{ method, path, route: httpHandler(route).route, ...(docs ? { docs } : {}) }],
    info,
  ) as unknown as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    components: { schemas: Record<string, unknown> };
  };

const handle = async () => ({ status: 200, json: {} });

describe('buildOpenApi: the answers API Gateway gives itself', () => {
  it('describes the 401 as the gateway’s bare message, not the error document', () => {
    // Act
    const reference = referenceOf({ access: ['RESELLER'], handle }, '/thing');

    // Assess
    expect(reference.components.schemas.GatewayMessage).toMatchObject({
      type: 'object',
      required: ['message'],
    });
    expect(reference.paths['/thing']!.post!.responses['401']!.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } },
    });
  });

  it('lets a route with a path parameter answer 400 as either, and one without only as the error document', () => {
    // Act
    const withPath = referenceOf(
      { access: ['RESELLER'], path: z.object({ id: z.string() }), body: z.object({ a: z.string() }), handle },
      '/thing/{id}',
      'PATCH',
    );
    const withBody = referenceOf(
      { access: ['RESELLER'], body: z.object({ a: z.string() }), handle },
      '/thing',
    );

    // Assess
    expect(withPath.paths['/thing/{id}']!.patch!.responses['400']!.content).toEqual({
      'application/json': {
        schema: {
          anyOf: [{ $ref: '#/components/schemas/Error' }, { $ref: '#/components/schemas/GatewayMessage' }],
        },
      },
    });
    expect(withBody.paths['/thing']!.post!.responses['400']!.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    });
  });

  it('describes a response the route marks fromGateway (a 413) as the gateway’s message', () => {
    // Act
    const reference = referenceOf(
      {
        access: ['RESELLER'],
        docs: { summary: 's', responses: { 413: { description: 'too long', fromGateway: true } } },
        handle,
      },
      '/thing',
    );

    // Assess
    expect(reference.paths['/thing']!.post!.responses['413']).toEqual({
      description: 'too long',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } },
    });
  });
});

describe('buildOpenApi: an answer in more than one media type', () => {
  it('lists the text types a response may also answer as, beside its JSON schema', () => {
    // Act
    const reference = referenceOf(
      {
        access: ['RESELLER'],
        docs: {
          summary: 's',
          responses: {
            200: {
              description: 'JSON or CSV',
              schema: z.object({ a: z.string() }),
              alsoAsText: ['text/csv'],
            },
          },
        },
        handle,
      },
      '/thing',
      'GET',
    );

    // Assess
    expect(reference.paths['/thing']!.get!.responses['200']!.content).toEqual({
      'application/json': {
        schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
      },
      'text/csv': { schema: { type: 'string' } },
    });
  });
});

describe('buildOpenApi: response headers', () => {
  it('documents each header a response may carry, with what it says', () => {
    // Act
    const reference = referenceOf(
      {
        access: ['RESELLER'],
        docs: {
          summary: 's',
          responses: { 503: { description: 'later', headers: { 'Retry-After': 'Seconds to wait' } } },
        },
        handle,
      },
      '/thing',
    );

    // Assess
    expect(reference.paths['/thing']!.post!.responses['503']).toEqual({
      description: 'later',
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'string' } } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
  });
});

describe('buildOpenApi: what shared field rules say', () => {
  const id = z.string().check(z.regex(/^[0-9a-f]{24}$/));
  const sharedFields = [{ pattern: /^[0-9a-f]{24}$/, description: 'An id', examples: ['65f0'] }];

  it('describes every field a shared rule reads, in the path, the query and the body; a field’s own description wins', () => {
    // Prepare
    const route = httpHandler({
      access: ['RESELLER'],
      path: z.object({ id }),
      query: z.object({ other: z.optional(id) }),
      body: z.object({ owner: z.optional(id).check(z.describe('Whose thing')), name: z.string() }),
      handle,
    }).route;

    // Act
    const reference = buildOpenApi(
      [{ method: 'PUT', path: '/thing/{id}', route }],
      info,
      sharedFields,
    ) as unknown as {
      paths: Record<
        string,
        { put: { parameters: unknown[]; requestBody: { content: Record<string, { schema: unknown }> } } }
      >;
    };

    // Assess
    const { parameters, requestBody } = reference.paths['/thing/{id}']!.put;
    expect(parameters).toEqual([
      expect.objectContaining({
        name: 'id',
        in: 'path',
        description: 'An id',
        schema: expect.objectContaining({ description: 'An id', examples: ['65f0'] }),
      }),
      expect.objectContaining({ name: 'other', in: 'query', description: 'An id' }),
    ]);
    expect(requestBody.content['application/json']!.schema).toMatchObject({
      properties: {
        owner: { pattern: '^[0-9a-f]{24}$', description: 'Whose thing', examples: ['65f0'] },
        name: { type: 'string' },
      },
    });
    expect(
      (requestBody.content['application/json']!.schema as { properties: { name: object } }).properties.name,
    ).not.toHaveProperty('description');
  });
});
