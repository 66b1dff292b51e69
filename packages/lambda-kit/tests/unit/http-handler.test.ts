import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { notFound, Refusal } from '#domain/refusal';
import { httpHandler } from '../../src/http-handler.ts';
import { adminClaims, context, httpEvent, resellerClaims, userClaims } from './helpers.ts';

const body = z.strictObject({
  name: z.string({ error: 'Name is invalid' }).check(z.minLength(1, { error: 'Name is invalid' })),
  lines: z.optional(z.array(z.object({ units: z.number({ error: 'Units is invalid' }) }))),
});

const echo = httpHandler({
  access: ['ADMIN', 'RESELLER'],
  body,
  handle: async ({ body, caller }) => ({ status: 201, json: { body, role: caller.role } }),
});

const parse = (result: { body?: string }) => JSON.parse(result.body ?? 'null');

describe('httpHandler', () => {
  it('passes the parsed body and the caller to the route and answers its JSON', async () => {
    // Prepare
    const event = httpEvent({ claims: resellerClaims, body: JSON.stringify({ name: 'Acme' }) });

    // Act
    const result = await echo(event, context);

    // Assess
    expect(result.statusCode).toBe(201);
    expect(result.headers).toEqual({ 'content-type': 'application/json; charset=utf-8' });
    expect(parse(result)).toEqual({ body: { name: 'Acme' }, role: 'RESELLER' });
  });

  it('refuses a role the route does not allow with 403 access_denied before reading the body', async () => {
    // Prepare
    const event = httpEvent({ claims: userClaims, body: '{not json' });

    // Act
    const result = await echo(event, context);

    // Assess
    expect(result.statusCode).toBe(403);
    expect(parse(result)).toEqual({
      status: 403,
      message: 'access_denied',
      description: 'Insufficient access level',
    });
  });

  it('refuses claims without a valid role with 403 access_denied', async () => {
    const result = await echo(
      httpEvent({ claims: { sub: 'x', 'custom:role': 'ROOT' }, body: '{}' }),
      context,
    );

    expect(result.statusCode).toBe(403);
    expect(parse(result).message).toBe('access_denied');
  });

  it('answers malformed JSON with 400 bad_request, not 500', async () => {
    const result = await echo(httpEvent({ claims: adminClaims, body: '{"name": "Acme",' }), context);

    expect(result.statusCode).toBe(400);
    expect(parse(result)).toEqual({
      status: 400,
      message: 'bad_request',
      description: 'The request body is not valid JSON',
    });
  });

  it.each([['[]'], ['"text"'], ['null'], ['42']])(
    'answers a body that is not an object (%s) with 400',
    async (raw) => {
      const result = await echo(httpEvent({ claims: adminClaims, body: raw }), context);

      expect(result.statusCode).toBe(400);
      expect(parse(result).message).toBe('bad_request');
    },
  );

  it('decodes a base64-encoded body as API Gateway sends binary-typed payloads', async () => {
    const encoded = Buffer.from(JSON.stringify({ name: 'Base' })).toString('base64');

    const result = await echo(
      httpEvent({ claims: adminClaims, body: encoded, isBase64Encoded: true }),
      context,
    );

    expect(result.statusCode).toBe(201);
    expect(parse(result).body).toEqual({ name: 'Base' });
  });

  it('names a single invalid field with its own key and status 422', async () => {
    const result = await echo(
      httpEvent({ claims: adminClaims, body: JSON.stringify({ name: '' }) }),
      context,
    );

    expect(result.statusCode).toBe(422);
    expect(parse(result)).toEqual({ status: 422, message: 'name', description: 'Name is invalid' });
  });

  it('reports every invalid field together as 422 multiple, with seed-style keys', async () => {
    // Prepare
    const payload = { name: 3, lines: [{ units: 1 }, { units: 'x' }], extra: true };

    // Act
    const result = await echo(httpEvent({ claims: adminClaims, body: JSON.stringify(payload) }), context);

    // Assess
    expect(result.statusCode).toBe(422);
    expect(parse(result)).toEqual({
      status: 422,
      message: 'multiple',
      description: '3 problems were found in the request',
      errors: [
        { status: 422, message: 'name', description: 'Name is invalid' },
        { status: 422, message: 'lines[1].units', description: 'Units is invalid' },
        { status: 422, message: 'body', description: 'Unknown field(s): extra' },
      ],
    });
  });

  it('answers a path parameter that fails its schema with 400 bad_request', async () => {
    const route = httpHandler({
      access: ['ADMIN'],
      path: z.object({
        id: z.string().check(z.regex(/^[0-9a-f]{24}$/, { message: 'Id not found in request URI' })),
      }),
      handle: async () => ({ status: 200, json: {} }),
    });

    const result = await route(httpEvent({ claims: adminClaims, pathParameters: { id: 'nope' } }), context);

    expect(result.statusCode).toBe(400);
    expect(parse(result)).toEqual({
      status: 400,
      message: 'bad_request',
      description: 'Id not found in request URI',
    });
  });

  it('answers an Refusal thrown by the route with its status and key', async () => {
    const route = httpHandler({
      access: ['ADMIN'],
      handle: async () => {
        throw notFound('customer', 'Customer not found');
      },
    });

    const result = await route(httpEvent({ claims: adminClaims }), context);

    expect(result.statusCode).toBe(404);
    expect(parse(result)).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
  });

  it('answers a refusal that says when to ask again with a Retry-After header, and only that one', async () => {
    // Prepare
    const refusing = (error: Refusal) =>
      httpHandler({
        access: ['ADMIN'],
        handle: async () => {
          throw error;
        },
      });

    // Act
    const unavailable = await refusing(
      new Refusal(503, 'accounting_unavailable', 'e-conomic could not be reached', undefined, 45),
    )(httpEvent({ claims: adminClaims }), context);
    const notFoundResult = await refusing(notFound('customer', 'Customer not found'))(
      httpEvent({ claims: adminClaims }),
      context,
    );

    // Assess
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.headers).toEqual({
      'retry-after': '45',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(parse(unavailable)).toEqual({
      status: 503,
      message: 'accounting_unavailable',
      description: 'e-conomic could not be reached',
    });
    expect(notFoundResult.headers).not.toHaveProperty('retry-after');
  });

  it('hides an unexpected error behind 500 internal_error and logs it', async () => {
    // Prepare
    const { logger } = await import('../../src/observability.ts');
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const route = httpHandler({
      access: ['ADMIN'],
      handle: async () => {
        throw new Error('database password is hunter2');
      },
    });

    // Act
    const result = await route(httpEvent({ claims: adminClaims }), context);

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('hunter2');
    expect(parse(result).message).toBe('internal_error');
    expect(logged).toHaveBeenCalledOnce();
  });

  it('returns a text reply with its content type and file name', async () => {
    const route = httpHandler({
      access: ['ADMIN'],
      handle: async () => ({
        status: 200,
        text: 'a;b\n',
        contentType: 'text/csv; charset=utf-8',
        filename: 'x.csv',
      }),
    });

    const result = await route(httpEvent({ claims: adminClaims }), context);

    expect(result).toMatchObject({
      statusCode: 200,
      body: 'a;b\n',
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="x.csv"',
      },
    });
  });

  it('keeps Refusal bodies stable for combined errors', () => {
    const error = new Refusal(422, 'multiple', 'two', [new Refusal(404, 'customer', 'Customer not found')]);

    expect(error.toBody()).toEqual({
      status: 422,
      message: 'multiple',
      description: 'two',
      errors: [{ status: 404, message: 'customer', description: 'Customer not found' }],
    });
  });
});

describe('httpHandler and a handler’s own parsing', () => {
  const options = z.strictObject({
    layout: z.optional(z.number({ error: 'Layout must be a layout number' }).check(z.int())),
    lines: z.optional(z.array(z.object({ units: z.number({ error: 'Units is invalid' }) }))),
  });
  const parsesItself = httpHandler({
    access: ['ADMIN'],
    handle: async ({ event }) => ({
      status: 200,
      json: options.parse(JSON.parse(event.body ?? '{}')),
    }),
  });

  it('answers a ZodError a handler lets escape as 422 naming the field, not 500', async () => {
    // Act
    const result = await parsesItself(httpEvent({ claims: adminClaims, body: '{"layout":"abc"}' }), context);

    // Assess
    expect(result.statusCode).toBe(422);
    expect(parse(result)).toEqual({
      status: 422,
      message: 'layout',
      description: 'Layout must be a layout number',
    });
  });

  it('names each field of an escaped ZodError, nested ones by their path', async () => {
    // Act
    const result = await parsesItself(
      httpEvent({ claims: adminClaims, body: '{"layout":"abc","lines":[{"units":"x"}],"extra":1}' }),
      context,
    );

    // Assess
    expect(result.statusCode).toBe(422);
    expect(parse(result)).toEqual({
      status: 422,
      message: 'multiple',
      description: '3 problems were found in the request',
      errors: [
        { status: 422, message: 'layout', description: 'Layout must be a layout number' },
        { status: 422, message: 'lines[0].units', description: 'Units is invalid' },
        { status: 422, message: 'body', description: 'Unknown field(s): extra' },
      ],
    });
  });
});

describe('httpHandler with metrics', () => {
  it('publishes the metrics a route records at the end of its request, refused or not', async () => {
    // Prepare
    const metrics = new Metrics({ namespace: 'Faktura', serviceName: 'faktura' });
    const published = vi.spyOn(metrics, 'publishStoredMetrics').mockReturnThis();
    const route = httpHandler(
      {
        access: ['ADMIN'],
        handle: async () => {
          metrics.addMetric('AccountingCallsNotCounted', MetricUnit.Count, 3);
          throw notFound('customer', 'Customer not found');
        },
      },
      { middlewares: [logMetrics(metrics)] },
    );

    // Act
    const result = await route(httpEvent({ claims: adminClaims }), context);

    // Assess
    expect(result.statusCode).toBe(404);
    expect(published).toHaveBeenCalledOnce();
  });
});
