import { describe, expect, it } from 'vitest';
import { routes } from '#infra/catalog';
import { compileRoutes, MalformedPathError } from '../../src/gateway/route-table.ts';

const match = compileRoutes([
  { method: 'GET', path: '/invoice/{id}', function: 'reseller-get' },
  { method: 'GET', path: '/invoice/current', function: 'reseller-list' },
  { method: 'POST', path: '/invoice', function: 'reseller-create' },
]);

describe('compileRoutes', () => {
  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(match('GET', '/invoice/current')).toEqual({
      routeKey: 'GET /invoice/current',
      function: 'reseller-list',
      public: false,
    });
  });

  it('extracts and decodes path parameters', () => {
    expect(match('GET', '/invoice/abc%20d')).toEqual({
      routeKey: 'GET /invoice/{id}',
      function: 'reseller-get',
      public: false,
      pathParameters: { id: 'abc d' },
    });
  });

  it('matches on the method and the number of segments', () => {
    expect(match('DELETE', '/invoice')).toBeUndefined();
    expect(match('GET', '/invoice/a/b')).toBeUndefined();
    expect(match('POST', '/invoice/')).toEqual({
      routeKey: 'POST /invoice',
      function: 'reseller-create',
      public: false,
    });
  });

  it('refuses a path parameter whose percent-encoding is not UTF-8, instead of throwing URIError', () => {
    for (const part of ['%', '%E0', '%ED%A0%80', '%zz']) {
      expect(() => match('GET', `/invoice/${part}`)).toThrow(MalformedPathError);
    }
  });

  it('marks the routes that need no token', () => {
    const serve = compileRoutes([{ method: 'GET', path: '/docs', function: 'api-docs', public: true }]);

    expect(serve('GET', '/docs')?.public).toBe(true);
  });

  it('serves every catalog route', () => {
    const serve = compileRoutes(routes);
    for (const route of routes) {
      const path = route.path.replace(/\{[^}]+\}/g, '0123456789abcdef01234567');
      expect(serve(route.method, path)?.function).toBe(route.function);
    }
  });
});
