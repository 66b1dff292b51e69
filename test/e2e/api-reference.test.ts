import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  currentItemDocument,
  customerDocument,
  invoiceDocument,
  invoiceListDocument,
  productDocument,
  resellerDocument,
  timelineDocument,
} from '#api/documents';
import type { FakturaClient } from '#client/client';
import { call } from './support/api.ts';
import { adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/** The reference is served without a token, and what it promises is what the API answers. */
describe('the API reference', () => {
  it('serves the OpenAPI 3.1 document at /openapi.json without a token', async () => {
    const response = await call('GET', '/openapi.json');

    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.paths['/invoice/{id}'].get.summary).toBe('Read an invoice');
  });

  it('serves the reference page at /docs, with Swagger UI’s script and stylesheet from this API, no CDN', async () => {
    const page = await call('GET', '/docs');
    const script = await call('GET', '/docs/swagger-ui-bundle.js');
    const stylesheet = await call('GET', '/docs/swagger-ui.css');
    const start = await call('GET', '/docs/reference.js');
    const unknown = await call('GET', '/docs/constructor');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect([...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url)).toEqual([
      'docs/swagger-ui.css',
      'docs/swagger-ui-bundle.js',
      'docs/reference.js',
    ]);
    expect(script).toMatchObject({ status: 200 });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.text).toContain('SwaggerUIBundle');
    expect(stylesheet.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(stylesheet.text).toContain('.swagger-ui');
    expect(start.text).toContain("url: 'openapi.json'");
    expect(unknown.status).toBe(404);
  });

  describe('documents the answers the API really gives', () => {
    let tenant: Tenant;
    let platform: FakturaClient;

    beforeAll(async () => {
      platform = await adminClient();
      tenant = await createTenant('Reference');
    });

    const exactly = (schema: z.ZodMiniObject, value: unknown) => z.strictObject(schema.shape).parse(value);

    it('for every resource, field by field', async () => {
      // Prepare
      const product = await createProduct();
      const item = await tenant.resellerClient.POST('/invoice/current', {
        body: {
          customer: tenant.customer,
          product: product._id,
          units: 2,
          from: '2026-11-01',
        },
      });
      const invoice = await platform.POST('/invoice', {
        body: {
          customer: tenant.customer,
          headline: 'Test',
          lines: [{ product: product._id, units: 1, from: '2026-11-01', to: '2026-11-30' }],
        },
      });

      // Act + Assess
      exactly(
        resellerDocument,
        (await platform.GET('/reseller/{id}', { params: { path: { id: tenant.reseller } } })).data,
      );
      exactly(
        customerDocument,
        (await platform.GET('/customer/{id}', { params: { path: { id: tenant.customer } } })).data,
      );
      exactly(
        productDocument,
        (await platform.GET('/product/{id}', { params: { path: { id: product._id } } })).data,
      );
      exactly(currentItemDocument, item.data);
      exactly(invoiceDocument, invoice.data);
      exactly(
        invoiceDocument,
        (await tenant.userClient.GET('/invoice/{id}', { params: { path: { id: invoice.data!._id } } })).data,
      );
      exactly(invoiceListDocument, (await tenant.resellerClient.GET('/invoice')).data);
      exactly(
        timelineDocument,
        (
          await tenant.resellerClient.GET('/invoice/{id}/timeline', {
            params: { path: { id: invoice.data!._id } },
          })
        ).data,
      );
      expect(invoice.response.status).toBe(201);
    });
  });
});
