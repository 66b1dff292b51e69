import { describe, expect, it, vi } from 'vitest';
import { deleteCurrentItem } from '#app/current-items/delete-current-item';
import { listCurrentItems } from '#app/current-items/list-current-items';
import { putCurrentItem } from '#app/current-items/put-current-item';
import {
  admin,
  clock,
  currentItem,
  customer,
  customerId,
  ids,
  itemId,
  newId,
  now,
  product,
  productId,
  resellerA,
  resellerB,
  staffOfA,
  staffOfB,
} from '../fixtures.ts';
import { refusalOf } from '../refusal.ts';

const putPorts = (stored = product()) => ({
  currentItems: { putNewCurrentItem: vi.fn(async () => undefined) },
  customers: {
    getCustomer: vi.fn(async (tenant: string, id: string) =>
      tenant === resellerA && id === customerId ? customer() : undefined,
    ),
  },
  directory: {
    lookUp: vi.fn(async () => ({ id: customerId, kind: 'customer' as const, reseller: resellerA })),
  },
  products: { getProduct: vi.fn(async (id: string) => (id === stored.id ? stored : undefined)) },
  idempotency: { getIdempotencyRecord: vi.fn(async () => undefined) },
  clock,
  ids,
});

const body = {
  customer: customerId,
  product: productId,
  units: 3,
  recurrence: 'MONTHLY' as const,
  locked: false,
  fullMonth: false,
};

describe('putCurrentItem', () => {
  it('puts the item on the customer’s current invoice and answers it with the caller’s prices', async () => {
    // Prepare
    const ports = putPorts();

    // Act
    const answer = await putCurrentItem(ports, { caller: staffOfA, body: { ...body, unitPrice: 30 } });

    // Assess
    const item = { id: newId, reseller: resellerA, ...body, unitPrice: 30, createdAt: now.toISOString() };
    const { id: _, ...rest } = item;
    expect(answer).toEqual({ status: 201, json: { _id: newId, ...rest } });
    expect(ports.currentItems.putNewCurrentItem).toHaveBeenCalledWith(item, undefined);
    expect(ports.directory.lookUp).not.toHaveBeenCalled();
  });

  it('remembers an ADMIN’s key in the customer’s tenant, found through the directory', async () => {
    // Prepare
    const ports = putPorts();

    // Act
    const answer = await putCurrentItem(ports, {
      caller: admin,
      body,
      idempotency: { key: 'k', fingerprint: 'fp' },
    });

    // Assess
    const scope = { reseller: resellerA, route: 'POST /invoice/current', key: 'k' };
    // Once: the tenant that scopes the key is where the customer is read, not looked up again.
    expect(ports.directory.lookUp).toHaveBeenCalledExactlyOnceWith(customerId, 'customer');
    expect(ports.customers.getCustomer).toHaveBeenCalledExactlyOnceWith(resellerA, customerId);
    expect(ports.idempotency.getIdempotencyRecord).toHaveBeenCalledWith(scope);
    expect(ports.currentItems.putNewCurrentItem).toHaveBeenCalledWith(
      expect.objectContaining({ id: newId }),
      {
        scope,
        record: { fingerprint: 'fp', answer },
      },
    );
  });

  it('reports every problem at once: another tenant’s customer, a barred product, the platform’s prices', async () => {
    // Prepare
    const ports = putPorts(product({ barred: true }));

    // Act
    const refusal = await refusalOf(
      putCurrentItem(ports, { caller: staffOfB, body: { ...body, unitCost: 1, unitWholesale: 2 } }),
    );

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'multiple',
      description: '4 problems were found in the request',
      errors: [
        { status: 404, message: 'customer', description: 'Customer not found' },
        { status: 404, message: 'product', description: 'Product not found or not valid for use' },
        { status: 422, message: 'unitCost', description: 'Unit cost may only be set by ADMIN' },
        { status: 422, message: 'unitWholesale', description: 'Unit wholesale may only be set by ADMIN' },
      ],
    });
    expect(ports.customers.getCustomer).toHaveBeenCalledWith(resellerB, customerId);
    expect(ports.currentItems.putNewCurrentItem).not.toHaveBeenCalled();
  });

  it('refuses an item whose line would be beyond the money limits, naming the price it set', async () => {
    // Prepare
    const ports = putPorts();

    // Act
    const refusal = await refusalOf(
      putCurrentItem(ports, { caller: staffOfA, body: { ...body, units: 1_000, unitPrice: 100_000_000 } }),
    );

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'unitPrice',
      description: 'Line amount is beyond 10000000000 kr (units × unit price)',
    });
    expect(ports.currentItems.putNewCurrentItem).not.toHaveBeenCalled();
  });
});

describe('listCurrentItems', () => {
  it('lists the items of a customer the caller may see, and refuses another tenant’s', async () => {
    // Prepare
    const ports = {
      ...putPorts(),
      currentItems: { listCurrentItems: vi.fn(async () => [currentItem()]) },
    };

    // Act
    const items = await listCurrentItems(ports, staffOfA, customerId);
    const refusal = await refusalOf(listCurrentItems(ports, staffOfB, customerId));

    // Assess
    expect(items).toEqual([currentItem()]);
    expect(ports.currentItems.listCurrentItems).toHaveBeenCalledExactlyOnceWith(resellerA, customerId);
    expect(refusal).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
  });
});

describe('deleteCurrentItem', () => {
  const deletePorts = (deleted = true) => ({
    directory: {
      lookUp: vi.fn(async () => ({
        id: itemId,
        kind: 'current-item' as const,
        reseller: resellerA,
        customer: customerId,
      })),
    },
    currentItems: { deleteCurrentItem: vi.fn(async () => deleted) },
  });

  it('deletes an item of the caller’s tenant', async () => {
    // Prepare
    const ports = deletePorts();

    // Act
    await deleteCurrentItem(ports, staffOfA, itemId);

    // Assess
    expect(ports.directory.lookUp).toHaveBeenCalledWith(itemId, 'current-item');
    expect(ports.currentItems.deleteCurrentItem).toHaveBeenCalledWith({
      id: itemId,
      reseller: resellerA,
      customer: customerId,
    });
  });

  it('answers not_found for another tenant’s item without deleting it, and for one already gone', async () => {
    // Prepare
    const ports = deletePorts(false);

    // Act
    const other = await refusalOf(deleteCurrentItem(ports, staffOfB, itemId));
    const gone = await refusalOf(deleteCurrentItem(ports, admin, itemId));

    // Assess
    expect(other).toEqual({ status: 404, message: 'not_found', description: 'Not found' });
    expect(gone).toEqual({ status: 404, message: 'not_found', description: 'Not found' });
    expect(ports.currentItems.deleteCurrentItem).toHaveBeenCalledTimes(1);
  });
});
