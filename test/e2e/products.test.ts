import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { admin, adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

describe('products', () => {
  let tenant: Tenant;
  let platform: FakturaClient;
  let product: { _id: string; productCode: string };

  beforeAll(async () => {
    platform = await adminClient();
    tenant = await createTenant('Products');
    product = await createProduct({
      unitCost: 0.0123,
      unitWholesale: 0.05,
      unitPrice: 0.12,
      unitType: 'MB',
      kind: 'usage',
    });
  });

  const byId = () => ({ params: { path: { id: product._id } } });

  it('shows each role its own prices', async () => {
    const asAdmin = await platform.GET('/product/{id}', byId());
    const asReseller = await tenant.resellerClient.GET('/product/{id}', byId());
    const asUser = await tenant.userClient.GET('/product/{id}', byId());

    expect(asAdmin.data).toMatchObject({
      unitCost: 0.0123,
      unitWholesale: 0.05,
      unitPrice: 0.12,
      unitType: 'MB',
    });
    expect(asReseller.data).toMatchObject({ unitWholesale: 0.05, unitPrice: 0.12 });
    expect(asReseller.data).not.toHaveProperty('unitCost');
    expect(asUser.data?.unitPrice).toBe(0.12);
    expect(asUser.data).not.toHaveProperty('unitCost');
    expect(asUser.data).not.toHaveProperty('unitWholesale');
  });

  it('lets only ADMIN create and change products', async () => {
    const byReseller = await tenant.resellerClient.POST('/product', {
      body: {
        productCode: 'X1',
        name: 'x',
        unitType: 'UNITS',
        unitCost: 1,
        unitWholesale: 1,
        unitPrice: 1,
        kind: 'one-off',
      },
    });
    const patched = await platform.PATCH('/product/{id}', { ...byId(), body: { barred: true } });

    expect(byReseller.response.status).toBe(403);
    expect(patched.response.status).toBe(200);
    expect(patched.data?.barred).toBe(true);
  });

  it('reports every invalid product field together', async () => {
    // Untyped on purpose: every field breaks the reference.
    const response = await (await admin()).post('/product', {
      productCode: 'bad code!',
      name: '',
      unitType: 'LITRES',
      unitCost: -1,
      unitWholesale: 'x',
      unitPrice: 0.00001,
      kind: 'usage',
    });

    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { message: string }) => e.message).sort()).toEqual(
      ['name', 'productCode', 'unitCost', 'unitPrice', 'unitType', 'unitWholesale'].sort(),
    );
  });

  it('lists the catalogue in pages, with the caller’s prices', async () => {
    const page = await tenant.userClient.GET('/product', { params: { query: { limit: 2 } } });

    expect(page.response.status).toBe(200);
    expect(page.data?.products.length).toBeGreaterThan(0);
    for (const listed of page.data?.products ?? []) expect(listed).not.toHaveProperty('unitWholesale');
  });

  it.each([[5e-324], [0.00001], [1e-7]])(
    'refuses a unit price of %s (more than 4 decimals; DynamoDB could not even store the first)',
    async (unitPrice) => {
      const response = await platform.PATCH('/product/{id}', { ...byId(), body: { unitPrice } });

      expect(response.response.status).toBe(422);
      expect(response.error?.message).toBe('unitPrice');
    },
  );

  it('answers 404 for a product that does not exist and 400 for a malformed id', async () => {
    const path = (id: string) => ({ params: { path: { id } } });

    expect((await platform.GET('/product/{id}', path('0123456789abcdef01234567'))).response.status).toBe(404);
    expect((await platform.GET('/product/{id}', path('123'))).response.status).toBe(400);
  });
});
