import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../src/http-handler.ts';

/** An API Gateway v2 event as the JWT authorizer passes it, with the parts a test varies. */
export const httpEvent = (overrides: {
  claims?: Record<string, string>;
  body?: string;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  isBase64Encoded?: boolean;
}): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'POST /test',
    rawPath: '/test',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: overrides.claims ?? {}, scopes: [] },
      },
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path: '/test', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'request-1',
      routeKey: 'POST /test',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    isBase64Encoded: overrides.isBase64Encoded ?? false,
    ...(overrides.body === undefined ? {} : { body: overrides.body }),
    ...(overrides.pathParameters ? { pathParameters: overrides.pathParameters } : {}),
    ...(overrides.queryStringParameters ? { queryStringParameters: overrides.queryStringParameters } : {}),
  }) as HttpEvent;

export const context = {
  functionName: 'test',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 1000,
} as Context;

export const adminClaims = { sub: 'admin-1', 'custom:role': 'ADMIN' };
export const resellerClaims = {
  sub: 'reseller-1',
  'custom:role': 'RESELLER',
  'custom:reseller': 'aaaaaaaaaaaaaaaaaaaaaaaa',
};
export const userClaims = {
  sub: 'user-1',
  'custom:role': 'USER',
  'custom:reseller': 'aaaaaaaaaaaaaaaaaaaaaaaa',
  'custom:customer': 'bbbbbbbbbbbbbbbbbbbbbbbb',
};
