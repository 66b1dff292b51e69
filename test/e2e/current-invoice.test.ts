import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { problemOf } from './support/typed-api.ts';

describe('current-invoice items', () => {
  let tenant: Tenant;
  let product: { _id: string };

  beforeAll(async () => {
    tenant = await createTenant('Current');
    product = await createProduct();
  });

  const putItem = (fields: { units: number; unitCost?: number; unitWholesale?: number }, customer?: string) =>
    tenant.resellerClient.POST('/invoice/current', {
      body: { customer: customer ?? tenant.customer, product: product._id, ...fields },
    });

  it('puts items on a customer’s current invoice and lists them', async () => {
    // Act
    const credit = await tenant.resellerClient.POST('/invoice/current', {
      body: {
        customer: tenant.customer,
        product: product._id,
        units: -1.5,
        unitPrice: 30,
        description: 'Kreditering',
        recurrence: 'NONE',
      },
    });
    const monthly = await tenant.resellerClient.POST('/invoice/current', {
      body: {
        customer: tenant.customer,
        product: product._id,
        units: 2,
        recurrence: 'MONTHLY',
        from: '2026-11-15',
      },
    });
    const list = await tenant.userClient.GET('/invoice/current', {
      params: { query: { customer: tenant.customer } },
    });

    // Assess
    expect(credit.response.status).toBe(201);
    expect(credit.data).toMatchObject({ units: -1.5, unitPrice: 30, recurrence: 'NONE', locked: false });
    expect(monthly.data).toMatchObject({ recurrence: 'MONTHLY', from: '2026-11-15' });
    expect(list.data?.currentInvoices.map((item) => item._id).sort()).toEqual(
      [credit.data?._id, monthly.data?._id].sort(),
    );
  });

  it('keeps cost and wholesale overrides for ADMIN', async () => {
    const response = await putItem({ units: 1, unitCost: 1, unitWholesale: 2 });

    expect(response.response.status).toBe(422);
    expect(problemOf(response).errors?.map((e) => e.message)).toEqual(['unitCost', 'unitWholesale']);
  });

  it('refuses a barred product and an unknown customer together', async () => {
    // Prepare
    const barred = await createProduct({ barred: true });

    // Act
    const response = await tenant.resellerClient.POST('/invoice/current', {
      body: { customer: '0123456789abcdef01234567', product: barred._id, units: 1 },
    });

    // Assess
    expect(response.response.status).toBe(422);
    expect(problemOf(response).errors).toEqual([
      { status: 404, message: 'customer', description: 'Customer not found' },
      { status: 404, message: 'product', description: 'Product not found or not valid for use' },
    ]);
  });

  it.each([[0], ['1'], [Number.NaN]])('refuses units %s', async (units) => {
    // Untyped on purpose: no unit count the reference allows is 0, a text or NaN.
    const response = await tenant.resellerApi.post('/invoice/current', {
      customer: tenant.customer,
      product: product._id,
      units,
    });

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('units');
  });

  it('deletes an item once; the second delete is a 404', async () => {
    // Prepare
    const item = await putItem({ units: 1 });
    const byId = { params: { path: { id: item.data!._id } } };

    // Act
    const first = await tenant.resellerClient.DELETE('/invoice/current/{id}', byId);
    const second = await tenant.resellerClient.DELETE('/invoice/current/{id}', byId);
    const list = await tenant.resellerClient.GET('/invoice/current', {
      params: { query: { customer: tenant.customer } },
    });

    // Assess
    expect(first.response.status).toBe(204);
    expect(second.response.status).toBe(404);
    expect(list.data?.currentInvoices.map((i) => i._id)).not.toContain(item.data?._id);
  });

  it('lets ADMIN delete any tenant’s item', async () => {
    const item = await putItem({ units: 1 });

    const response = await (await adminClient()).DELETE('/invoice/current/{id}', {
      params: { path: { id: item.data!._id } },
    });

    expect(response.response.status).toBe(204);
  });
});
