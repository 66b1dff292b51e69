import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#infra/catalog';
import { createInvoices, createScenario, credentials, type Scenario } from './support/accounting.ts';
import { as, call, tokenFor } from './support/api.ts';
import { admin, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * One row per route of the catalog: another tenant's staff (reseller B) and another customer's
 * user (of B) reach for tenant A's data and get 403 or 404, never A's data. The last test makes
 * sure a route added to the catalog cannot ship without its row here.
 *
 * Sent untyped on purpose: the rows are driven by the catalog's routes, path and method being data;
 * every answer is still held to the reference (support/api.ts).
 */
let a: Tenant;
let b: Tenant;
let aItem: string;
let aInvoice: string;
let exporter: Scenario;
let exporterExport: string;
let product: { _id: string };

const leaks = (text: string) => text.includes(a.reseller) || text.includes(a.customer);

const isolation: Record<string, () => Promise<void>> = {
  'POST /reseller': async () => {
    expect((await b.resellerApi.post('/reseller', { name: 'X', email: 'x@x.dk' })).status).toBe(403);
  },
  'GET /reseller': async () => {
    const list = await b.resellerApi.get('/reseller');
    expect(list.body.resellers.map((r: { _id: string }) => r._id)).toEqual([b.reseller]);
    expect((await b.userApi.get('/reseller')).status).toBe(403);
  },
  'GET /reseller/{id}': async () => {
    const response = await b.resellerApi.get(`/reseller/${a.reseller}`);
    expect(response.status).toBe(404);
    expect(leaks(response.text)).toBe(false);
  },
  'PATCH /reseller/{id}': async () => {
    const response = await b.resellerApi.patch(`/reseller/${a.reseller}`, {
      name: 'Hijacked',
      invoiceNumbering: 'faktura',
    });
    expect(response.status).toBe(404);
    expect(leaks(response.text)).toBe(false);
    expect((await a.resellerApi.get(`/reseller/${a.reseller}`)).body.name).not.toBe('Hijacked');
  },
  'POST /customer': async () => {
    const response = await b.resellerApi.post('/customer', { reseller: a.reseller, name: 'Planted' });
    expect(response.status).toBe(403);
  },
  'GET /customer': async () => {
    expect((await b.resellerApi.get(`/customer?reseller=${a.reseller}`)).status).toBe(403);
    const own = await b.userApi.get('/customer');
    expect(own.body.customers.map((c: { _id: string }) => c._id)).toEqual([b.customer]);
  },
  'GET /customer/{id}': async () => {
    for (const api of [b.resellerApi, b.userApi]) {
      const response = await api.get(`/customer/${a.customer}`);
      expect(response.status).toBe(404);
      expect(leaks(response.text)).toBe(false);
    }
    // A user of tenant A reaching for another customer of its own reseller is refused too.
    const sibling = await a.resellerApi.post('/customer', { name: 'Sibling' });
    expect((await a.userApi.get(`/customer/${sibling.body._id}`)).status).toBe(404);
  },
  'PATCH /customer/{id}': async () => {
    const response = await b.resellerApi.patch(`/customer/${a.customer}`, { name: 'Hijacked' });
    expect(response.status).toBe(404);
    expect((await a.resellerApi.get(`/customer/${a.customer}`)).body.name).not.toBe('Hijacked');
  },
  // The product catalogue is the platform's, shared by every tenant by design; what differs per
  // role is which prices are shown and who may change it.
  'POST /product': async () => {
    expect((await b.resellerApi.post('/product', {})).status).toBe(403);
  },
  'GET /product': async () => {
    const page = await b.userApi.get('/product');
    for (const listed of page.body.products) expect(listed).not.toHaveProperty('unitCost');
  },
  'GET /product/{id}': async () => {
    const response = await b.resellerApi.get(`/product/${product._id}`);
    expect(response.body).not.toHaveProperty('unitCost');
  },
  'PATCH /product/{id}': async () => {
    expect((await b.resellerApi.patch(`/product/${product._id}`, { unitPrice: 0 })).status).toBe(403);
  },
  'POST /invoice/current': async () => {
    const response = await b.resellerApi.post('/invoice/current', {
      customer: a.customer,
      product: product._id,
      units: 1,
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('customer');
  },
  'GET /invoice/current': async () => {
    for (const api of [b.resellerApi, b.userApi]) {
      const response = await api.get(`/invoice/current?customer=${a.customer}`);
      expect(response.status).toBe(404);
      expect(leaks(response.text)).toBe(false);
    }
  },
  'DELETE /invoice/current/{id}': async () => {
    expect((await b.resellerApi.delete(`/invoice/current/${aItem}`)).status).toBe(404);
    expect((await b.userApi.delete(`/invoice/current/${aItem}`)).status).toBe(403);
    const list = await a.resellerApi.get(`/invoice/current?customer=${a.customer}`);
    expect(list.body.currentInvoices.map((i: { _id: string }) => i._id)).toContain(aItem);
  },
  'POST /invoice': async () => {
    const response = await b.resellerApi.post('/invoice', {
      customer: a.customer,
      lines: [{ product: product._id, units: 1 }],
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('customer');
    const withReseller = await b.resellerApi.post('/invoice', {
      customer: a.customer,
      reseller: a.reseller,
      lines: [{ product: product._id, units: 1 }],
    });
    expect(withReseller.status).toBe(422);
    expect(withReseller.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'customer',
      'reseller',
    ]);
  },
  'GET /invoice': async () => {
    const response = await b.resellerApi.get(`/invoice?customer=${a.customer}`);
    expect(response.status).toBe(404);
    expect((await b.resellerApi.get(`/invoice?reseller=${a.reseller}`)).status).toBe(403);
    const own = await b.userApi.get(`/invoice?customer=${a.customer}`);
    expect(own.status).toBe(404);
    const mine = await b.resellerApi.get('/invoice');
    expect(mine.text).not.toContain(aInvoice);
  },
  'GET /invoice/{id}': async () => {
    for (const api of [b.resellerApi, b.userApi]) {
      const response = await api.get(`/invoice/${aInvoice}`);
      expect(response.status).toBe(404);
      expect(response.body.message).toBe('not_found');
      expect((await api.get(`/invoice/${aInvoice}?format=csv`)).status).toBe(404);
    }
    const sibling = await a.resellerApi.post('/customer', { name: 'Sibling 2' });
    const siblingUser = as(
      await tokenFor({ role: 'USER', reseller: a.reseller, customer: sibling.body._id }),
    );
    expect((await siblingUser.get(`/invoice/${aInvoice}`)).status).toBe(404);
  },
  'GET /invoice/{id}/timeline': async () => {
    for (const api of [b.resellerApi, b.userApi])
      expect((await api.get(`/invoice/${aInvoice}/timeline`)).status).toBe(404);
  },
  'PUT /integration/{system}/settings': async () => {
    const response = await b.resellerApi.put('/integration/economic/settings', {
      reseller: a.reseller,
      ...credentials.economic,
    });
    expect(response.status).toBe(403);
    expect((await b.userApi.put('/integration/economic/settings', credentials.economic)).status).toBe(403);
  },
  'GET /integration/{system}/settings': async () => {
    expect(
      (await b.resellerApi.get(`/integration/economic/settings?reseller=${exporter.tenant.reseller}`)).status,
    ).toBe(403);
    expect((await b.resellerApi.get('/integration/economic/settings?platform=true')).status).toBe(403);
    expect((await b.userApi.get('/integration/economic/settings')).status).toBe(403);
  },
  'GET /integration/{system}/sync': async () => {
    // The exporter's own sync run exists: another reseller may not read it, nor the platform's, nor a user
    await exporter.tenant.resellerApi.get('/integration/economic/sync');
    for (const path of [
      `/integration/economic/sync?reseller=${exporter.tenant.reseller}`,
      '/integration/economic/sync?platform=true',
    ]) {
      const response = await b.resellerApi.get(path);
      expect(response.status).toBe(403);
      expect(response.text).not.toContain(exporter.tenant.reseller);
    }
    expect((await b.userApi.get('/integration/economic/sync')).status).toBe(403);
  },
  'POST /integration/{system}/invoice/draft': async () => {
    const response = await b.resellerApi.post('/integration/economic/invoice/draft', {
      reseller: exporter.tenant.reseller,
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toBe('access_denied');
  },
  'GET /integration/exports/{exportId}': async () => {
    for (const api of [b.resellerApi, b.userApi]) {
      const response = await api.get(`/integration/exports/${exporterExport}`);
      expect([403, 404]).toContain(response.status);
      expect(response.text).not.toContain(exporter.tenant.reseller);
    }
    expect((await exporter.tenant.resellerApi.get(`/integration/exports/${exporterExport}`)).status).toBe(
      200,
    );
  },
  'GET /invoices/export': async () => {
    const response = await b.resellerApi.get('/invoices/export?system_id=isolation&include_non_booked=1');
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(aInvoice);
    expect(
      (await b.resellerApi.get(`/invoices/export?system_id=isolation&reseller=${a.reseller}`)).status,
    ).toBe(403);
    expect((await b.userApi.get('/invoices/export?system_id=isolation')).status).toBe(403);
  },
  'POST /invoices/mark-as-exported': async () => {
    const response = await b.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [{ invoice_id: aInvoice, system_id: 'isolation' }],
    });
    expect(response.status).toBe(404);
    const mine = await a.resellerApi.get('/invoices/export?system_id=isolation&include_non_booked=1');
    expect(mine.text).toContain(aInvoice);
  },
  'GET /invoices/export/systems': async () => {
    await a.resellerApi.get('/invoices/export?system_id=a-only-warehouse');
    const response = await b.resellerApi.get('/invoices/export/systems');
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('a-only-warehouse');
    expect((await b.resellerApi.get(`/invoices/export/systems?reseller=${a.reseller}`)).status).toBe(403);
    expect((await b.userApi.get('/invoices/export/systems')).status).toBe(403);
  },
  'DELETE /invoices/export/systems': async () => {
    await a.resellerApi.get('/invoices/export?system_id=a-only-ledger');
    expect(
      (await b.resellerApi.delete(`/invoices/export/systems?system_id=a-only-ledger&reseller=${a.reseller}`))
        .status,
    ).toBe(403);
    expect((await b.userApi.delete('/invoices/export/systems?system_id=a-only-ledger')).status).toBe(403);
    expect((await b.resellerApi.delete('/invoices/export/systems?system_id=a-only-ledger')).status).toBe(404);
    const mine = await a.resellerApi.get('/invoices/export/systems');
    expect(mine.body.systems.map((s: { system_id: string }) => s.system_id)).toContain('a-only-ledger');
  },
  // The reference is public by design: it holds the contract, never data.
  'GET /openapi.json': async () => {
    const response = await call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(leaks(response.text)).toBe(false);
  },
  'GET /docs': async () => {
    const response = await call('GET', '/docs');
    expect(response.status).toBe(200);
    expect(leaks(response.text)).toBe(false);
  },
  'GET /docs/{asset}': async () => {
    const response = await call('GET', '/docs/reference.js');
    expect(response.status).toBe(200);
    expect(leaks(response.text)).toBe(false);
  },
};

describe('tenant isolation, route by route', () => {
  beforeAll(async () => {
    [a, b] = await Promise.all([createTenant('Alpha'), createTenant('Beta')]);
    product = await createProduct();
    const item = await a.resellerApi.post('/invoice/current', {
      customer: a.customer,
      product: product._id,
      units: 1,
    });
    aItem = item.body._id;
    const invoice = await a.resellerApi.post('/invoice', {
      customer: a.customer,
      lines: [{ product: product._id, units: 1 }],
    });
    aInvoice = invoice.body._id;
    exporter = await createScenario('economic', 1, 'Isolation');
    await createInvoices(exporter, 1, '2033-01');
    exporterExport = (
      await exporter.tenant.resellerApi.post('/integration/economic/invoice/draft', {
        invoiceDate: '2033-01-01',
      })
    ).body.exportId;
    await admin();
  });

  for (const [route, check] of Object.entries(isolation)) {
    it(`${route}: another tenant gets 403 or 404, never data`, check);
  }

  it('has a row for every route of the catalog', () => {
    expect(Object.keys(isolation).sort()).toEqual(
      routes.map((route) => `${route.method} ${route.path}`).sort(),
    );
  });
});
