import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * GET /invoice/{id}/timeline per role: the reseller's staff (and ADMIN) see every entry, with who
 * did it and their notes; the end customer sees only that its invoice was created, sent or paid.
 */
describe('GET /invoice/{id}/timeline', () => {
  let tenant: Tenant;
  let platform: FakturaClient;
  let invoice: string;

  beforeAll(async () => {
    platform = await adminClient();
    tenant = await createTenant('Timeline');
    const product = await createProduct({ kind: 'one-off' });
    const created = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, lines: [{ product: product._id, units: 1 }] },
    });
    invoice = created.data!._id;
    const marked = await tenant.resellerClient.POST('/invoices/mark-as-exported', {
      body: {
        invoices: [
          { invoice_id: invoice, system_id: 'collections', note: 'Rykker sendt, kunden er dårlig betaler' },
        ],
      },
    });
    if (marked.response.status !== 200) throw new Error(`mark: ${marked.response.status}`);
  });

  const timelineOf = (client: FakturaClient) =>
    client.GET('/invoice/{id}/timeline', { params: { path: { id: invoice } } });

  it('shows the RESELLER and ADMIN every entry: who, where and the note', async () => {
    // Act
    const asReseller = await timelineOf(tenant.resellerClient);
    const asAdmin = await timelineOf(platform);

    // Assess
    expect(asReseller.response.status).toBe(200);
    expect(asReseller.data?.timeline).toEqual([
      {
        at: expect.any(String),
        event: 'created',
        by: expect.stringMatching(/^staff\d+@reseller\.example$/),
        detail: { lines: 1, fromCurrentInvoice: 0, total: expect.any(Number) },
      },
      {
        at: expect.any(String),
        event: 'marked exported to collections',
        by: expect.stringMatching(/^staff\d+@reseller\.example$/),
        system: 'collections',
        note: 'Rykker sendt, kunden er dårlig betaler',
        detail: { at: expect.any(String), note: 'Rykker sendt, kunden er dårlig betaler' },
      },
    ]);
    expect(asAdmin.data).toEqual(asReseller.data);
  });

  it('shows the end customer only that the invoice was created, without staff or notes', async () => {
    // Prepare
    const staff = await timelineOf(tenant.resellerClient);

    // Act
    const asUser = await timelineOf(tenant.userClient);

    // Assess
    expect(asUser.response.status).toBe(200);
    expect(asUser.data).toEqual({
      invoice,
      timeline: [{ at: staff.data?.timeline[0]?.at, event: 'created' }],
    });
    expect(JSON.stringify(asUser.data)).not.toContain('@reseller.example');
    expect(JSON.stringify(asUser.data)).not.toContain('Rykker');
  });
});
