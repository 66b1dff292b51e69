import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * GET /invoice/{id}/timeline per role: the reseller's staff (and ADMIN) see every entry, with who
 * did it and their notes; the end customer sees only that its invoice was created, sent or paid.
 */
describe('GET /invoice/{id}/timeline', () => {
  let tenant: Tenant;
  let platform: Awaited<ReturnType<typeof admin>>;
  let invoice: string;

  beforeAll(async () => {
    platform = await admin();
    tenant = await createTenant('Timeline');
    const product = await createProduct({ kind: 'one-off' });
    const created = await tenant.resellerApi.post('/invoice', {
      customer: tenant.customer,
      lines: [{ product: product._id, units: 1 }],
    });
    invoice = created.body._id;
    const marked = await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [
        { invoice_id: invoice, system_id: 'collections', note: 'Rykker sendt, kunden er dårlig betaler' },
      ],
    });
    if (marked.status !== 200) throw new Error(`mark: ${marked.status} ${marked.text}`);
  });

  it('shows the RESELLER and ADMIN every entry: who, where and the note', async () => {
    // Act
    const asReseller = await tenant.resellerApi.get(`/invoice/${invoice}/timeline`);
    const asAdmin = await platform.get(`/invoice/${invoice}/timeline`);

    // Assess
    expect(asReseller.status).toBe(200);
    expect(asReseller.body.timeline).toEqual([
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
    expect(asAdmin.body).toEqual(asReseller.body);
  });

  it('shows the end customer only that the invoice was created, without staff or notes', async () => {
    // Prepare
    const staff = await tenant.resellerApi.get(`/invoice/${invoice}/timeline`);

    // Act
    const asUser = await tenant.userApi.get(`/invoice/${invoice}/timeline`);

    // Assess
    expect(asUser.status).toBe(200);
    expect(asUser.body).toEqual({
      invoice,
      timeline: [{ at: staff.body.timeline[0].at, event: 'created' }],
    });
    expect(asUser.text).not.toContain('@reseller.example');
    expect(asUser.text).not.toContain('Rykker');
  });
});
