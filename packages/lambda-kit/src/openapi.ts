import * as z from 'zod';
import {
  type BodySpec,
  bodyQueryParameters,
  bodySchemas,
  isBodyOptional,
  type RouteDefinition,
  type RouteDocs,
} from './http-handler.ts';

/**
 * Builds the OpenAPI 3.1 document from the routes themselves: their zod schemas for path, query
 * and body, and their docs for summaries and responses. The schemas are the contract; this
 * only translates them (OpenAPI 3.1 speaks JSON Schema 2020-12, which is what zod emits).
 *
 * Why the docs are apart from the route: a handler's bundle carries what it runs, and the docs
 * (descriptions, response schemas) only this generator reads, ~9 KB of every API bundle.
 */
export interface DocumentedRoute {
  readonly method: string;
  readonly path: string;
  readonly public?: boolean;
  readonly route: RouteDefinition<z.core.$ZodType, z.core.$ZodType, BodySpec>;
  readonly docs?: RouteDocs;
}

type JsonSchema = Record<string, unknown>;

/**
 * What the reference says of every field a shared rule reads (an id, a query boolean), found by the
 * rule's pattern. Said here rather than in the rule's schema (zod's `describe`/`meta`), which would
 * bring zod's metadata registry and the prose into every handler bundle for the reference's sake.
 * A field's own description wins.
 */
export interface SharedFieldDocs {
  readonly pattern: RegExp;
  readonly description?: string;
  readonly examples?: readonly string[];
}

type ToJsonSchema = (schema: z.core.$ZodType) => JsonSchema;

const jsonSchemaWith =
  (sharedFields: readonly SharedFieldDocs[]): ToJsonSchema =>
  (schema) => {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
      io: 'input',
      unrepresentable: 'any',
      override: ({ jsonSchema }) => {
        const shared = sharedFields.find(({ pattern }) => jsonSchema.pattern === pattern.source);
        if (shared?.description) jsonSchema.description ??= shared.description;
        if (shared?.examples) jsonSchema.examples ??= [...shared.examples];
      },
    }) as JsonSchema;
    return rest;
  };

const jsonSchema = jsonSchemaWith([]);

export const errorDocument = z.object({
  status: z.number().int().describe('The HTTP status, repeated'),
  message: z
    .string()
    .describe(
      'The key of the problem: a field (`customer`, `lines[2].units`) or a code (`access_denied`, `bad_request`, `not_found`, `multiple`)',
    ),
  description: z.string().describe('A readable description of the problem'),
  errors: z
    .array(z.object({ status: z.number().int(), message: z.string(), description: z.string() }))
    .optional()
    .describe('For `422 multiple`: every problem found, each with its own status and key'),
});

const parameters = (
  toJson: ToJsonSchema,
  schema: z.core.$ZodType | undefined,
  where: 'path' | 'query',
  optional = false,
) => {
  if (!schema) return [];
  const object = toJson(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (!optional && (object.required ?? []).includes(name)),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
};

/** The header a creating route takes to make its retries safe (docs/architecture.md). */
const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same key and body (in any key order) from the same user answer what the first attempt answered, before any other check; the same key with another body, or from another user, is `422 Idempotency-Key`; concurrent duplicates create one object.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

/**
 * What API Gateway answers itself, before any handler: `{"message": "Unauthorized"}` (401),
 * `{"message": "Bad Request"}` (a path it cannot decode), `{"message": "Request Too Long"}` (413).
 * An HTTP API cannot shape these answers, so the reference describes them as they are.
 */
const gatewayMessageDocument = z.object({
  message: z.string().describe('API Gateway’s own words: `Unauthorized`, `Bad Request`, `Request Too Long`'),
});

const errorSchema = { $ref: '#/components/schemas/Error' };
const gatewaySchema = { $ref: '#/components/schemas/GatewayMessage' };
const errorContent = { 'application/json': { schema: errorSchema } };
const gatewayContent = { 'application/json': { schema: gatewaySchema } };

/**
 * The route's 400s: the handler's `bad_request` for a malformed id or body, and, on a route with a
 * path parameter, the gateway's own for a path whose percent-encoding is not UTF-8 (`%ED%A0%80`).
 */
const badRequest = ({ route }: DocumentedRoute): Record<string, unknown> => {
  const reasons = [
    ...(route.path ? ['`bad_request`: the id in the path is not a 24-character hex id'] : []),
    ...(route.body ? ['`bad_request`: the body is not a JSON object'] : []),
  ];
  if (reasons.length === 0) return {};
  if (!route.path) return { 400: { description: reasons.join('; '), content: errorContent } };
  return {
    400: {
      description: `${reasons.join('; ')}; or the gateway’s \`{"message":"Bad Request"}\` for a path whose percent-encoding is not UTF-8`,
      content: { 'application/json': { schema: { anyOf: [errorSchema, gatewaySchema] } } },
    },
  };
};

const standardErrors = (route: DocumentedRoute): Record<string, unknown> => {
  const error = (description: string) => ({ description, content: errorContent });
  return {
    ...badRequest(route),
    ...(route.public
      ? {}
      : {
          401: {
            description:
              'The gateway’s `{"message":"Unauthorized"}`: no token, or a token that is expired or not signed by the user pool',
            content: gatewayContent,
          },
          403: error('`access_denied`: the caller’s role may not use this route'),
        }),
    422: error(
      'A field of the query or body is invalid (its key names it), or `multiple` with every problem',
    ),
    500: error('`internal_error`: something unexpected; it has been logged'),
  };
};

const operation = (entry: DocumentedRoute, toJson: ToJsonSchema) => {
  const { route, docs } = entry;
  const access = `Access: ${route.access.join(', ')}.`;
  const bodies = docs?.body ? [docs.body] : bodySchemas(route.body);
  const body =
    bodies.length === 0
      ? undefined
      : bodies.length === 1
        ? toJson(bodies[0]!)
        : { oneOf: bodies.map((each) => toJson(each)) };
  const responses: Record<string, unknown> = { ...standardErrors(entry) };
  for (const [status, response] of Object.entries(docs?.responses ?? {})) {
    const existing = responses[status] as { description?: string } | undefined;
    responses[status] = {
      description:
        existing?.description && !response.schema ? `${response.description}` : response.description,
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, description]) => [
                name,
                { description, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: { schema: toJson(response.schema) },
              ...Object.fromEntries(
                (response.alsoAsText ?? []).map((type) => [type, { schema: { type: 'string' } }]),
              ),
            },
          }
        : response.fromGateway
          ? { content: gatewayContent }
          : status.startsWith('4') || status.startsWith('5')
            ? { content: errorContent }
            : {}),
    };
  }
  return {
    summary: docs?.summary ?? `${entry.method} ${entry.path}`,
    description: [docs?.description, access].filter(Boolean).join('\n\n'),
    ...(entry.public ? { security: [] } : {}),
    parameters: [
      ...parameters(toJson, route.path, 'path'),
      ...parameters(toJson, route.query, 'query'),
      // A body the query may stand in for: each of its fields is a query parameter too.
      ...parameters(toJson, bodyQueryParameters(route.body), 'query', true),
      ...(docs?.idempotencyKey ? [idempotencyKeyParameter] : []),
    ],
    ...(body
      ? {
          requestBody: {
            required: !isBodyOptional(route.body),
            content: { 'application/json': { schema: body } },
          },
        }
      : {}),
    responses,
  };
};

export const buildOpenApi = (
  routes: readonly DocumentedRoute[],
  info: { title: string; version: string; description: string },
  sharedFields: readonly SharedFieldDocs[] = [],
) => {
  const toJson = jsonSchemaWith(sharedFields);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const entry of routes) {
    paths[entry.path] ??= {};
    paths[entry.path]![entry.method.toLowerCase()] = operation(entry, toJson);
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/', description: 'This deployment (locally: http://127.0.0.1:3000)' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The Cognito ID token (locally: `npm run --silent token -- --role …`). Its claims `custom:role`, `custom:reseller` and `custom:customer` decide what the caller may see.',
        },
      },
      schemas: { Error: jsonSchema(errorDocument), GatewayMessage: jsonSchema(gatewayMessageDocument) },
    },
    paths,
  };
};
