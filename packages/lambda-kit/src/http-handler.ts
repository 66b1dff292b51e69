import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod/mini';
import { $ZodError } from 'zod/v4/core';
import { badRequest, internalError, Refusal } from '#domain/refusal';
import { type Caller, callerFromClaims, type Role, requireRole } from './caller.ts';
import { throwIfControlCharacters } from './control-characters.ts';
import { logger } from './observability.ts';
import { parseWith, toApiError } from './validation.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** What a route handler returns: JSON by default, or a ready body with its own content type. */
export type Reply = (
  | { readonly status: number; readonly json: unknown }
  | {
      readonly status: number;
      readonly text: string;
      readonly contentType: string;
      readonly filename?: string;
    }
) & {
  /** Headers of the route's own (a page's position, say), beside the content headers set here. */
  readonly headers?: Readonly<Record<string, string>>;
};

export interface Request<Path, Query, Body> {
  readonly caller: Caller;
  readonly path: Path;
  readonly query: Query;
  readonly body: Body;
  readonly event: HttpEvent;
}

/**
 * A body the kit reads otherwise than with one schema. The kit still reads the JSON, refuses a
 * non-object (none at all too, unless `optional`) and control characters, then calls `read`; the
 * API reference shows `schemas` (several as `oneOf`), and `queryParameters`' fields as query
 * parameters too. `bodyByPath`, `bodyReader` and `queryOrBody` (#lambda/query-as-body) make one.
 */
export interface BodyRule<Read> {
  readonly schemas: readonly z.core.$ZodType[];
  readonly optional?: boolean;
  readonly queryParameters?: z.core.$ZodType;
  readonly read: (
    body: Readonly<Record<string, unknown>> | undefined,
    request: {
      readonly caller: Caller;
      readonly path: unknown;
      readonly query: Readonly<Record<string, string>>;
    },
  ) => Read;
}

/**
 * A body whose schema depends on a path parameter (`PUT /integration/{system}/settings`: each
 * system its own fields). The kit picks the schema after parsing the path, so that a field of the
 * other choice is a 422 naming it; the API reference shows the choices as `oneOf`.
 */
export const bodyByPath = <Choices extends Readonly<Record<string, z.core.$ZodType>>>(
  parameter: string,
  choices: Choices,
): BodyRule<z.output<Choices[keyof Choices]>> => ({
  schemas: Object.values(choices),
  read: (body, { path }) => {
    const choice = (path as Record<string, unknown> | undefined)?.[parameter];
    const schema = typeof choice === 'string' && Object.hasOwn(choices, choice) ? choices[choice] : undefined;
    // The path schema admits only the choices: anything else is the route's own mistake.
    if (!schema) throw new Error(`No body schema for ${parameter} ${String(choice)}`);
    return parseWith(schema, body, 'body') as z.output<Choices[keyof Choices]>;
  },
});

/**
 * A body read field by field rather than by one schema (`POST /invoice`): the reader sees the
 * caller (what a field may hold depends on the role) and returns what it read with every problem it
 * found, so that the use case can add the problems only the store can see and answer them all in
 * one `422 multiple`. The route's docs (functions/<route>.docs.ts) describe the body's shape in `body`.
 */
export const bodyReader = <Read>(
  read: (body: Readonly<Record<string, unknown>>, caller: Caller) => Read,
): BodyRule<Read> => ({
  schemas: [],
  // Not optional: the kit has refused a missing body before this runs.
  read: (body, { caller }) => read(body!, caller),
});

// biome-ignore lint/suspicious/noExplicitAny: any rule fits; its output type is kept by BodyOutput.
export type BodySpec = z.core.$ZodType | BodyRule<any>;

export type BodyOutput<Body extends BodySpec> = Body extends z.core.$ZodType
  ? z.output<Body>
  : Body extends BodyRule<infer Read>
    ? Read
    : never;

const isBodyRule = (body: BodySpec): body is Exclude<BodySpec, z.core.$ZodType> =>
  'read' in body && 'schemas' in body;

/** The schemas a body may have: one, or one per path choice (a reader's is in its route's docs, `body`). */
export const bodySchemas = (body: BodySpec | undefined): readonly z.core.$ZodType[] => {
  if (body === undefined) return [];
  return isBodyRule(body) ? body.schemas : [body];
};

/** The fields of the body that may also be given as query parameters (the API reference lists them). */
export const bodyQueryParameters = (body: BodySpec | undefined): z.core.$ZodType | undefined =>
  body && isBodyRule(body) ? body.queryParameters : undefined;

/** The body may be left out altogether. */
export const isBodyOptional = (body: BodySpec | undefined): boolean =>
  body !== undefined && isBodyRule(body) && body.optional === true;

/** What the API reference says of a route; the request schemas come from the route itself. */
export interface RouteDocs {
  readonly summary: string;
  readonly description?: string;
  /** The body as the reference shows it, when the route reads its body field by field (see invoice create). */
  readonly body?: z.core.$ZodType;
  /** The route takes an `Idempotency-Key` header (the reference lists it as a header parameter). */
  readonly idempotencyKey?: boolean;
  readonly responses: Readonly<
    Record<
      number,
      {
        readonly description: string;
        readonly schema?: z.core.$ZodType;
        readonly contentType?: string;
        /** API Gateway's own answer (`{"message": …}`), not the handler's error document. */
        readonly fromGateway?: boolean;
        /** Other media types the same status may answer as text (`text/csv`), chosen by the query. */
        readonly alsoAsText?: readonly string[];
        /** Response headers the answer may carry, by name, with what each says. */
        readonly headers?: Readonly<Record<string, string>>;
      }
    >
  >;
}

export interface RouteDefinition<
  PathSchema extends z.core.$ZodType,
  QuerySchema extends z.core.$ZodType,
  BodySchema extends BodySpec,
> {
  /** The roles that may call the route at all; finer, per-tenant checks are the handler's. */
  readonly access: readonly Role[];
  readonly path?: PathSchema;
  readonly query?: QuerySchema;
  readonly body?: BodySchema;
  readonly handle: (
    request: Request<z.output<PathSchema>, z.output<QuerySchema>, BodyOutput<BodySchema>>,
  ) => Promise<Reply>;
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

export const toHttpResult = (reply: Reply): HttpResult => {
  if ('json' in reply) {
    return {
      statusCode: reply.status,
      headers: { ...reply.headers, ...jsonHeaders },
      body: JSON.stringify(reply.json),
    };
  }
  return {
    statusCode: reply.status,
    headers: {
      ...reply.headers,
      'content-type': reply.contentType,
      ...(reply.filename ? { 'content-disposition': `attachment; filename="${reply.filename}"` } : {}),
    },
    body: reply.text,
  };
};

/** A refusal as the seeds' error body; one that says when to ask again (503) also as `Retry-After`. */
export const errorResult = (error: Refusal): HttpResult =>
  toHttpResult({
    status: error.status,
    json: error.toBody(),
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { headers: { 'retry-after': String(error.retryAfterSeconds) } }),
  });

const readBody = (event: HttpEvent): unknown => {
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
};

/** Query values as API Gateway gives them; repeated keys arrive comma-joined. */
const readQuery = (event: HttpEvent): Record<string, string> =>
  ({ ...(event.queryStringParameters ?? {}) }) as Record<string, string>;

/**
 * Every HTTP route goes through here, so that every route answers errors the same way: the
 * caller's role is checked first (403), then the path (400), control characters in any text of the
 * request (422), the query and the body (422, all problems at once), and anything unexpected is logged and answered as a 500 without details.
 */
export interface HttpHandlerOptions {
  /**
   * Middlewares of the route's own, after the kit's: a route that records metrics publishes them
   * with `logMetrics(metrics)` (#lambda/metrics). A route that records none gives none, and its
   * bundle leaves Powertools Metrics out (~11 KB); its cold starts are still seen: each log line's
   * `cold_start`, and the Init Duration of Lambda's REPORT line.
   */
  readonly middlewares?: readonly MiddlewareObj<HttpEvent, HttpResult>[];
}

export const httpHandler = <
  PathSchema extends z.core.$ZodType = z.core.$ZodType<undefined>,
  QuerySchema extends z.core.$ZodType = z.core.$ZodType<undefined>,
  BodySchema extends BodySpec = z.core.$ZodType<undefined>,
>(
  route: RouteDefinition<PathSchema, QuerySchema, BodySchema>,
  options: HttpHandlerOptions = {},
) => {
  const run = async (event: HttpEvent, _context: Context): Promise<HttpResult> => {
    try {
      const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
      logger.appendKeys({ role: caller.role, reseller: caller.reseller, customer: caller.customer });
      requireRole(caller, route.access);
      const path = route.path ? parseWith(route.path, event.pathParameters ?? {}, 'path') : undefined;
      const rawBody = route.body ? readBody(event) : undefined;
      if (
        route.body &&
        !(rawBody === undefined && isBodyOptional(route.body)) &&
        (rawBody === null || typeof rawBody !== 'object' || Array.isArray(rawBody))
      ) {
        throw badRequest('The request body must be a JSON object');
      }
      // Before any schema: one rule for every text of every route, whatever its schema says.
      const rawQuery = readQuery(event);
      throwIfControlCharacters({ body: rawBody, query: rawQuery, headers: event.headers });
      const query = route.query ? parseWith(route.query, rawQuery, 'query') : undefined;
      const body =
        route.body === undefined
          ? undefined
          : isBodyRule(route.body)
            ? route.body.read(rawBody as Record<string, unknown> | undefined, {
                caller,
                path,
                query: rawQuery,
              })
            : parseWith(route.body, rawBody, 'body');
      const reply = await route.handle({ caller, path, query, body, event } as Request<
        z.output<PathSchema>,
        z.output<QuerySchema>,
        BodyOutput<BodySchema>
      >);
      return toHttpResult(reply);
    } catch (thrown) {
      // Routes declare their schemas and never parse themselves; should a ZodError escape all the
      // same, it is still the caller's input, named field by field as parseWith names it, never a 500.
      const error = thrown instanceof $ZodError ? toApiError(thrown, 'body') : thrown;
      if (error instanceof Refusal) {
        logger.info('Request refused', {
          status: error.status,
          key: error.key,
          description: error.description,
        });
        return errorResult(error);
      }
      logger.error('Unexpected error', error as Error);
      return errorResult(internalError());
    }
  };

  const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
  for (const middleware of options.middlewares ?? []) handler.use(middleware);
  // The API reference is generated from the routes themselves (openapi.ts), so it cannot drift.
  return Object.assign(handler, {
    route: route as unknown as RouteDefinition<z.core.$ZodType, z.core.$ZodType, BodySpec>,
  });
};
