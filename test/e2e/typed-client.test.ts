import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { UndocumentedAnswer } from '#client/documented-answers';
import { resellerToken } from './support/accounting.ts';
import { call, tokenFor } from './support/api.ts';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { clientFor } from './support/typed-api.ts';

/**
 * An integrator's round trip through the typed client (packages/api-client/README.md): pull the
 * invoices a system has not taken, with and without lines, as RESELLER and ADMIN, mark them, list
 * the systems. Every answer is held to the reference's schemas (answersAsDocumented), so the
 * reference of export tracking is proved by what the API really answers.
 */
describe('the typed client, as an integrator uses it', () => {
  let tenant: Tenant;
  let staff: FakturaClient;
  let platform: FakturaClient;
  let invoices: string[];

  beforeAll(async () => {
    tenant = await createTenant('Typed client');
    staff = clientFor(await resellerToken(tenant.reseller));
    platform = clientFor(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' }));
    const product = await createProduct();
    invoices = [];
    for (let i = 0; i < 3; i += 1) {
      const created = await staff.POST('/invoice', {
        body: { customer: tenant.customer, sent: true, lines: [{ product: product._id, units: i + 1 }] },
      });
      expect(created.response.status).toBe(201);
      invoices.push(created.data!._id);
    }
  });

  it('pulls what a system has not taken, with lines when asked, as RESELLER and as ADMIN', async () => {
    // Act
    const summaries = await staff.GET('/invoices/export', { params: { query: { system_id: 'erp-typed' } } });
    const withLines = await staff.GET('/invoices/export', {
      params: { query: { system_id: 'erp-typed', 'includes[]': 'lines', limit: 2 } },
    });
    const byAdmin = await platform.GET('/invoices/export', {
      params: { query: { system_id: 'erp-typed', reseller: tenant.reseller } },
    });

    // Assess
    expect(summaries.data?.invoices.map((invoice) => invoice._id)).toEqual(invoices);
    expect(summaries.data?.invoices[0]).toMatchObject({ booked: true, exported_at: null, lineCount: 1 });
    expect(withLines.data?.invoices).toHaveLength(2);
    expect(withLines.data?.invoices[1]?.lines).toHaveLength(1);
    expect(withLines.data?.cursor).toEqual(expect.any(String));
    expect(byAdmin.data?.invoices[0]).toHaveProperty('subTotalCost');
  });

  it('marks what it took, and the next pull leaves it out; the systems list names the system', async () => {
    // Act
    const marked = await staff.POST('/invoices/mark-as-exported', {
      body: { invoices: [{ invoice_id: invoices[0]!, system_id: 'erp-typed', note: 'Taken by the ERP' }] },
    });
    const rest = await staff.GET('/invoices/export', { params: { query: { system_id: 'erp-typed' } } });
    const systems = await staff.GET('/invoices/export/systems');

    // Assess
    expect(marked.data?.marked).toEqual([
      { invoice_id: invoices[0], system_id: 'erp-typed', exported_at: expect.any(String) },
    ]);
    expect(rest.data?.invoices.map((invoice) => invoice._id)).toEqual(invoices.slice(1));
    expect(systems.data?.systems.map((system) => system.system_id)).toContain('erp-typed');
  });

  it('holds every answer to the reference, typed or untyped: an operation it does not have fails the call', async () => {
    // Prepare: the API answers DELETE /reseller with 404; the reference has no such operation
    const token = await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' });
    const untypedClient = clientFor(token) as unknown as {
      DELETE: (path: string) => Promise<unknown>;
    };

    // Act & Assess, each rejection awaited as it is made (none left unhandled)
    await expect(untypedClient.DELETE('/reseller')).rejects.toThrow(UndocumentedAnswer);
    await expect(untypedClient.DELETE('/reseller')).rejects.toThrow(
      'DELETE /reseller is not in the API reference',
    );
    await expect(call('DELETE', '/reseller', { token })).rejects.toThrow(
      'DELETE /reseller is not in the API reference',
    );
    const saidWhy = await call('DELETE', '/reseller', { token, offReference: 'shown here' });
    expect(saidWhy.status).toBe(404);
  });
});
