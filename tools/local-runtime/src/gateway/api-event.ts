import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteMatch } from './route-table.ts';

/**
 * Builds the event API Gateway (HTTP API, payload format 2.0, JWT authorizer) hands to Lambda,
 * field for field, so that handlers cannot tell the local gateway from the real one.
 */
const textTypes = /^(application\/(json|.*\+json|x-www-form-urlencoded|xml)|text\/)/;

export const toApiEvent = (
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  match: RouteMatch,
  claims: Record<string, unknown>,
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  // Names are the client's text: collected in Maps and made own properties with Object.fromEntries,
  // so `?toString=1` or a `__proto__` header arrive as themselves, as they do from API Gateway's
  // JSON, never merged with or swallowed by Object.prototype.
  const headerValues = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie')
      headerValues.set(name, Array.isArray(value) ? value.join(',') : value);
  }
  const headers: Record<string, string> = Object.fromEntries(headerValues);
  const queryValues = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    const earlier = queryValues.get(name);
    queryValues.set(name, earlier === undefined ? value : `${earlier},${value}`);
  }
  const queryStringParameters: Record<string, string> = Object.fromEntries(queryValues);
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || textTypes.test(contentType) || contentType === '';
  const now = new Date();
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(request.headers.cookie ? { cookies: request.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(url.searchParams.size > 0 ? { queryStringParameters } : {}),
    ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: claims as Record<string, string>, scopes: [] },
      },
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: match.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
};
