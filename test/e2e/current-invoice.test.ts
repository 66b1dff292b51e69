import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

describe('current-invoice items', () => {
  let tenant: Tenant;
  let product: { _id: string };

  beforeAll(async () => {
    tenant = await createTenant('Current');
    product = await createProduct();
  });

  it('puts items on a customer’s current invoice and lists them', async () => {
    // Act
    const credit = await tenant.resellerApi.post('/invoice/current', {
      customer: tenant.customer,
      product: product._id,
      units: -1.5,
      unitPrice: 30,
      description: 'Kreditering',
      recurrence: 'NONE',
    });
    const monthly = await tenant.resellerApi.post('/invoice/current', {
      customer: tenant.customer,
      product: product._id,
      units: 2,
      recurrence: 'MONTHLY',
      from: '2026-11-15',
    });
    const list = await tenant.userApi.get(`/invoice/current?customer=${tenant.customer}`);

    // Assess
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({ units: -1.5, unitPrice: 30, recurrence: 'NONE', locked: false });
    expect(monthly.body).toMatchObject({ recurrence: 'MONTHLY', from: '2026-11-15' });
    expect(list.body.currentInvoices.map((item: { _id: string }) => item._id).sort()).toEqual(
      [credit.body._id, monthly.body._id].sort(),
    );
  });

  it('keeps cost and wholesale overrides for ADMIN', async () => {
    const response = await tenant.resellerApi.post('/invoice/current', {
      customer: tenant.customer,
      product: product._id,
      units: 1,
      unitCost: 1,
      unitWholesale: 2,
    });

    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'unitCost',
      'unitWholesale',
    ]);
  });

  it('refuses a barred product and an unknown customer together', async () => {
    // Prepare
    const barred = await createProduct({ barred: true });

    // Act
    const response = await tenant.resellerApi.post('/invoice/current', {
      customer: '0123456789abcdef01234567',
      product: barred._id,
      units: 1,
    });

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { status: 404, message: 'customer', description: 'Customer not found' },
      { status: 404, message: 'product', description: 'Product not found or not valid for use' },
    ]);
  });

  it.each([[0], ['1'], [Number.NaN]])('refuses units %s', async (units) => {
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
    const item = await tenant.resellerApi.post('/invoice/current', {
      customer: tenant.customer,
      product: product._id,
      units: 1,
    });

    // Act
    const first = await tenant.resellerApi.delete(`/invoice/current/${item.body._id}`);
    const second = await tenant.resellerApi.delete(`/invoice/current/${item.body._id}`);
    const list = await tenant.resellerApi.get(`/invoice/current?customer=${tenant.customer}`);

    // Assess
    expect(first.status).toBe(204);
    expect(second.status).toBe(404);
    expect(list.body.currentInvoices.map((i: { _id: string }) => i._id)).not.toContain(item.body._id);
  });

  it('lets ADMIN delete any tenant’s item', async () => {
    const item = await tenant.resellerApi.post('/invoice/current', {
      customer: tenant.customer,
      product: product._id,
      units: 1,
    });

    const response = await (await admin()).delete(`/invoice/current/${item.body._id}`);

    expect(response.status).toBe(204);
  });
});
