import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

describe('products', () => {
  let tenant: Tenant;
  let platform: Awaited<ReturnType<typeof admin>>;
  let product: { _id: string; productCode: string };

  beforeAll(async () => {
    platform = await admin();
    tenant = await createTenant('Products');
    product = await createProduct({
      unitCost: 0.0123,
      unitWholesale: 0.05,
      unitPrice: 0.12,
      unitType: 'MB',
      kind: 'usage',
    });
  });

  it('shows each role its own prices', async () => {
    const asAdmin = await platform.get(`/product/${product._id}`);
    const asReseller = await tenant.resellerApi.get(`/product/${product._id}`);
    const asUser = await tenant.userApi.get(`/product/${product._id}`);

    expect(asAdmin.body).toMatchObject({
      unitCost: 0.0123,
      unitWholesale: 0.05,
      unitPrice: 0.12,
      unitType: 'MB',
    });
    expect(asReseller.body).toMatchObject({ unitWholesale: 0.05, unitPrice: 0.12 });
    expect(asReseller.body).not.toHaveProperty('unitCost');
    expect(asUser.body.unitPrice).toBe(0.12);
    expect(asUser.body).not.toHaveProperty('unitCost');
    expect(asUser.body).not.toHaveProperty('unitWholesale');
  });

  it('lets only ADMIN create and change products', async () => {
    const byReseller = await tenant.resellerApi.post('/product', {
      productCode: 'X1',
      name: 'x',
      unitType: 'UNITS',
      unitCost: 1,
      unitWholesale: 1,
      unitPrice: 1,
      kind: 'one-off',
    });
    const patched = await platform.patch(`/product/${product._id}`, { barred: true });

    expect(byReseller.status).toBe(403);
    expect(patched.status).toBe(200);
    expect(patched.body.barred).toBe(true);
  });

  it('reports every invalid product field together', async () => {
    const response = await platform.post('/product', {
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
    const page = await tenant.userApi.get('/product?limit=2');

    expect(page.status).toBe(200);
    expect(page.body.products.length).toBeGreaterThan(0);
    for (const listed of page.body.products) expect(listed).not.toHaveProperty('unitWholesale');
  });

  it.each([[5e-324], [0.00001], [1e-7]])(
    'refuses a unit price of %s (more than 4 decimals; DynamoDB could not even store the first)',
    async (unitPrice) => {
      const response = await platform.patch(`/product/${product._id}`, { unitPrice });

      expect(response.status).toBe(422);
      expect(response.body.message).toBe('unitPrice');
    },
  );

  it('answers 404 for a product that does not exist and 400 for a malformed id', async () => {
    expect((await platform.get('/product/0123456789abcdef01234567')).status).toBe(404);
    expect((await platform.get('/product/123')).status).toBe(400);
  });
});
