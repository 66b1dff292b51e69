import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { bodyByPath, httpHandler } from '../../src/http-handler.ts';
import { buildOpenApi } from '../../src/openapi.ts';
import { context, httpEvent, resellerClaims } from './helpers.ts';

const bodies = {
  economic: z.strictObject({
    appSecretToken: z.optional(z.string({ error: 'App secret token is invalid' })),
  }),
  uniconta: z.strictObject({ companyId: z.optional(z.string({ error: 'Company id must be digits' })) }),
};

const settings = () => {
  const handle = vi.fn(async ({ body }: { body: unknown }) => ({ status: 200, json: body }));
  const handler = httpHandler({
    access: ['RESELLER'],
    path: z.object({ system: z.enum(['economic', 'uniconta'], { error: 'Unknown accounting system' }) }),
    body: bodyByPath('system', bodies),
    handle,
  });
  return { handler, handle };
};

const put = (system: string, body: unknown) =>
  httpEvent({ claims: resellerClaims, pathParameters: { system }, body: JSON.stringify(body) });

describe('httpHandler: a body chosen by a path parameter', () => {
  it('parses the body with the schema of the path’s choice', async () => {
    // Prepare
    const { handler, handle } = settings();

    // Act
    const result = await handler(put('uniconta', { companyId: '42' }), context);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ body: { companyId: '42' } }));
  });

  it('answers the other choice’s fields with 422 naming them, not 500', async () => {
    // Prepare
    const { handler, handle } = settings();

    // Act
    const result = await handler(put('uniconta', { appSecretToken: 'x' }), context);

    // Assess
    expect(result.statusCode).toBe(422);
    expect(JSON.parse(result.body ?? '')).toEqual({
      status: 422,
      message: 'body',
      description: 'Unknown field(s): appSecretToken',
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers a path outside the choices with 400 before reading the body', async () => {
    // Prepare
    const { handler } = settings();

    // Act
    const result = await handler(put('__proto__', { companyId: '42' }), context);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? '').description).toBe('Unknown accounting system');
  });

  it('shows the choices in the API reference as oneOf', () => {
    // Prepare
    const { handler } = settings();

    // Act
    const document = buildOpenApi([{ method: 'PUT', path: '/x/{system}', route: handler.route }], {
      title: 't',
      version: '1',
      description: 'd',
    });

    // Assess
    const schema = (
      document.paths['/x/{system}']!.put as { requestBody: { content: Record<string, { schema: unknown }> } }
    ).requestBody.content['application/json']!.schema as { oneOf: { properties: object }[] };
    expect(schema.oneOf.map((each) => Object.keys(each.properties))).toEqual([
      ['appSecretToken'],
      ['companyId'],
    ]);
  });
});
