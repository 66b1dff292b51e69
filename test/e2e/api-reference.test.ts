import { beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  currentItemDocument,
  customerDocument,
  invoiceDocument,
  invoiceListDocument,
  productDocument,
  resellerDocument,
  timelineDocument,
} from '#api/documents';
import { call } from './support/api.ts';
import { admin, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/** The reference is served without a token, and what it promises is what the API answers. */
describe('the API reference', () => {
  it('serves the OpenAPI 3.1 document at /openapi.json without a token', async () => {
    const response = await call('GET', '/openapi.json');

    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.paths['/invoice/{id}'].get.summary).toBe('Read an invoice');
  });

  it('serves a readable page at /docs', async () => {
    const response = await call('GET', '/docs');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<code>POST /invoice</code>');
    expect(response.text).toContain('Some or all items were not found');
  });

  describe('documents the answers the API really gives', () => {
    let tenant: Tenant;
    let platform: Awaited<ReturnType<typeof admin>>;

    beforeAll(async () => {
      platform = await admin();
      tenant = await createTenant('Reference');
    });

    const exactly = (schema: z.ZodObject, value: unknown) => schema.strict().parse(value);

    it('for every resource, field by field', async () => {
      // Prepare
      const product = await createProduct();
      const item = await tenant.resellerApi.post('/invoice/current', {
        customer: tenant.customer,
        product: product._id,
        units: 2,
        from: '2026-11-01',
      });
      const invoice = await platform.post('/invoice', {
        customer: tenant.customer,
        headline: 'Test',
        lines: [{ product: product._id, units: 1, from: '2026-11-01', to: '2026-11-30' }],
      });

      // Act + Assess
      exactly(resellerDocument, (await platform.get(`/reseller/${tenant.reseller}`)).body);
      exactly(customerDocument, (await platform.get(`/customer/${tenant.customer}`)).body);
      exactly(productDocument, (await platform.get(`/product/${product._id}`)).body);
      exactly(currentItemDocument, item.body);
      exactly(invoiceDocument, invoice.body);
      exactly(invoiceDocument, (await tenant.userApi.get(`/invoice/${invoice.body._id}`)).body);
      exactly(invoiceListDocument, (await tenant.resellerApi.get('/invoice')).body);
      exactly(timelineDocument, (await tenant.resellerApi.get(`/invoice/${invoice.body._id}/timeline`)).body);
      expect(invoice.status).toBe(201);
    });
  });
});
