import { describe, expect, it, vi } from 'vitest';
import { createProduct } from '#app/catalog/create-product';
import { getProduct } from '#app/catalog/get-product';
import { listProducts } from '#app/catalog/list-products';
import { updateProduct } from '#app/catalog/update-product';
import { admin, clock, ids, newId, now, product, productId, staffOfA } from '../fixtures.ts';
import { refusalOf } from '../refusal.ts';

const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = product();

describe('createProduct', () => {
  it('adds the product, answers it with ADMIN’s prices and remembers the key in the platform’s partition', async () => {
    // Prepare
    const ports = {
      products: { putNewProduct: vi.fn(async () => undefined) },
      idempotency: { getIdempotencyRecord: vi.fn(async () => undefined) },
      clock,
      ids,
    };

    // Act
    const answer = await createProduct(ports, {
      caller: admin,
      body: fields,
      idempotency: { key: 'k', fingerprint: 'fp' },
    });

    // Assess
    const stamp = now.toISOString();
    const made = { id: newId, ...fields, createdAt: stamp, updatedAt: stamp };
    const { id: _, ...rest } = made;
    expect(answer).toEqual({ status: 201, json: { _id: newId, ...rest } });
    const scope = { route: 'POST /product', key: 'k' };
    expect(ports.idempotency.getIdempotencyRecord).toHaveBeenCalledWith(scope);
    expect(ports.products.putNewProduct).toHaveBeenCalledWith(made, {
      scope,
      record: { fingerprint: 'fp', answer },
    });
  });
});

describe('getProduct', () => {
  it('answers a product, and not_found for none', async () => {
    // Prepare
    const ports = {
      products: { getProduct: vi.fn(async (id: string) => (id === productId ? product() : undefined)) },
    };

    // Act
    const found = await getProduct(ports, productId);
    const missing = await refusalOf(getProduct(ports, '65f0000000000000000002ff'));

    // Assess
    expect(found).toEqual(product());
    expect(missing).toEqual({ status: 404, message: 'not_found', description: 'Not found' });
  });
});

describe('updateProduct', () => {
  it('stamps the change, and refuses a product that does not exist', async () => {
    // Prepare
    const ports = {
      products: { updateProduct: vi.fn(async () => product({ barred: true })) },
      clock,
    };

    // Act
    const updated = await updateProduct(ports, productId, { barred: true });
    ports.products.updateProduct.mockResolvedValueOnce(undefined as never);
    const missing = await refusalOf(updateProduct(ports, productId, { barred: true }));

    // Assess
    expect(ports.products.updateProduct).toHaveBeenNthCalledWith(1, productId, {
      barred: true,
      updatedAt: now.toISOString(),
    });
    expect(updated.barred).toBe(true);
    expect(missing).toEqual({ status: 404, message: 'not_found', description: 'Not found' });
  });
});

describe('listProducts', () => {
  it('keeps a cursor to the caller’s tenant, or the platform’s for ADMIN', async () => {
    // Prepare
    const ports = {
      products: { listProducts: vi.fn(async () => ({ items: [product()], cursor: undefined })) },
      cursors: { open: vi.fn(async () => 'position'), seal: vi.fn(async () => undefined) },
    };

    // Act
    const page = await listProducts(ports, staffOfA, { limit: 10, cursor: 'given' });
    await listProducts(ports, admin, { limit: 10 });

    // Assess
    expect(page).toEqual({ items: [product()], cursor: undefined });
    expect(ports.cursors.open.mock.calls).toEqual([
      ['given', { list: 'products', tenant: staffOfA.reseller }],
      [undefined, { list: 'products', tenant: 'platform' }],
    ]);
    expect(ports.products.listProducts).toHaveBeenCalledWith(10, 'position');
  });
});
