import { describe, expect, it, vi } from 'vitest';
import { createCustomer } from '#app/catalog/create-customer';
import { getCustomer } from '#app/catalog/get-customer';
import { listCustomers } from '#app/catalog/list-customers';
import { updateCustomer } from '#app/catalog/update-customer';
import {
  admin,
  clock,
  customer,
  customerId,
  ids,
  newId,
  now,
  reseller,
  resellerA,
  resellerB,
  staffOfA,
  staffOfB,
  userOfCustomer,
} from '../fixtures.ts';
import { refusalOf } from '../refusal.ts';

const createPorts = () => ({
  customers: { putNewCustomer: vi.fn(async () => undefined) },
  resellers: { getReseller: vi.fn(async (id: string) => (id === resellerA ? reseller() : undefined)) },
  idempotency: { getIdempotencyRecord: vi.fn(async () => undefined) },
  clock,
  ids,
});

const fields = { name: 'Ny Kunde', finance: {} };

describe('createCustomer', () => {
  it('adds a customer to the RESELLER’s own tenant and answers it', async () => {
    // Prepare
    const ports = createPorts();
    const idempotency = vi.fn(() => undefined);

    // Act
    const answer = await createCustomer(ports, { caller: staffOfA, body: fields, idempotency });

    // Assess
    const stamp = now.toISOString();
    const made = { id: newId, reseller: resellerA, ...fields, createdAt: stamp, updatedAt: stamp };
    expect(answer).toEqual({
      status: 201,
      json: { _id: newId, reseller: resellerA, ...fields, createdAt: stamp, updatedAt: stamp },
    });
    expect(ports.resellers.getReseller).toHaveBeenCalledWith(resellerA);
    expect(ports.customers.putNewCustomer).toHaveBeenCalledWith(made, undefined);
  });

  it('remembers the answer under the tenant and route when a key is given', async () => {
    // Prepare
    const ports = createPorts();

    // Act
    const answer = await createCustomer(ports, {
      caller: admin,
      body: { ...fields, reseller: resellerA },
      idempotency: () => ({ key: 'k', fingerprint: 'fp' }),
    });

    // Assess
    const scope = { reseller: resellerA, route: 'POST /customer', key: 'k' };
    expect(ports.idempotency.getIdempotencyRecord).toHaveBeenCalledWith(scope);
    expect(ports.customers.putNewCustomer).toHaveBeenCalledWith(
      expect.objectContaining({ reseller: resellerA }),
      {
        scope,
        record: { fingerprint: 'fp', answer },
      },
    );
  });

  it('refuses ADMIN without a reseller and a RESELLER naming another, before reading the key', async () => {
    // Prepare
    const ports = createPorts();
    const idempotency = vi.fn(() => undefined);

    // Act
    const [adminRefusal, resellerRefusal] = [
      await refusalOf(createCustomer(ports, { caller: admin, body: fields, idempotency })),
      await refusalOf(
        createCustomer(ports, { caller: staffOfA, body: { ...fields, reseller: resellerB }, idempotency }),
      ),
    ];

    // Assess
    expect(adminRefusal).toEqual({
      status: 422,
      message: 'reseller',
      description: 'Reseller is required for ADMIN',
    });
    expect(resellerRefusal).toEqual({ status: 403, message: 'access_denied', description: 'Access denied' });
    expect(idempotency).not.toHaveBeenCalled();
    expect(ports.customers.putNewCustomer).not.toHaveBeenCalled();
  });

  it('refuses an unknown reseller as not found', async () => {
    // Prepare
    const ports = createPorts();

    // Act
    const refusal = await refusalOf(
      createCustomer(ports, {
        caller: admin,
        body: { ...fields, reseller: resellerB },
        idempotency: () => undefined,
      }),
    );

    // Assess
    expect(refusal).toEqual({ status: 404, message: 'reseller', description: 'Reseller not found' });
    expect(ports.customers.putNewCustomer).not.toHaveBeenCalled();
  });
});

const tenancyPorts = () => ({
  customers: {
    getCustomer: vi.fn(async (tenant: string, id: string) =>
      tenant === resellerA && id === customerId ? customer() : undefined,
    ),
    updateCustomer: vi.fn(async (_tenant: string, _id: string, changes: object) => ({
      ...customer(),
      ...changes,
    })),
  },
  directory: {
    lookUp: vi.fn(async () => ({ id: customerId, kind: 'customer' as const, reseller: resellerA })),
  },
  clock,
});

describe('getCustomer', () => {
  it('answers a customer of the tenant, and not_found to another tenant', async () => {
    // Prepare
    const ports = tenancyPorts();

    // Act
    const own = await getCustomer(ports, staffOfA, customerId);
    const other = await refusalOf(getCustomer(ports, staffOfB, customerId));

    // Assess
    expect(own).toEqual(customer());
    expect(other).toEqual({ status: 404, message: 'not_found', description: 'Not found' });
  });
});

describe('updateCustomer', () => {
  it('merges the finance fields, stamps the change and keeps the tenant', async () => {
    // Prepare
    const ports = tenancyPorts();

    // Act
    const updated = await updateCustomer(ports, staffOfA, customerId, {
      name: 'Nyt Navn',
      finance: { accountingSystemId: '2002' },
    });

    // Assess
    expect(ports.customers.updateCustomer).toHaveBeenCalledWith(resellerA, customerId, {
      name: 'Nyt Navn',
      finance: { accountingSystemId: '2002' },
      updatedAt: now.toISOString(),
    });
    expect(updated.name).toBe('Nyt Navn');
  });

  it('refuses another tenant’s customer, and one gone meanwhile, as not_found', async () => {
    // Prepare
    const ports = tenancyPorts();
    ports.customers.updateCustomer.mockResolvedValueOnce(undefined as never);

    // Act
    const gone = await refusalOf(updateCustomer(ports, staffOfA, customerId, { name: 'x' }));
    const other = await refusalOf(updateCustomer(ports, staffOfB, customerId, { name: 'x' }));

    // Assess
    expect(gone).toEqual({ status: 404, message: 'not_found', description: 'Not found' });
    expect(other).toEqual({ status: 404, message: 'not_found', description: 'Not found' });
    expect(ports.customers.updateCustomer).toHaveBeenCalledTimes(1);
  });
});

describe('listCustomers', () => {
  const listPorts = () => ({
    customers: {
      getCustomer: vi.fn(async () => customer()),
      listCustomers: vi.fn(async () => ({ items: [customer()], cursor: 'position-2' })),
    },
    cursors: {
      open: vi.fn(async (cursor: string | undefined) => (cursor ? 'position-1' : undefined)),
      seal: vi.fn(async (position: string | undefined) => (position ? `sealed:${position}` : undefined)),
    },
  });

  it('pages through the RESELLER’s own customers with cursors of its own list', async () => {
    // Prepare
    const ports = listPorts();

    // Act
    const page = await listCustomers(ports, staffOfA, { limit: 50, cursor: 'given' });

    // Assess
    const scope = { list: 'customers', tenant: resellerA };
    expect(ports.cursors.open).toHaveBeenCalledWith('given', scope);
    expect(ports.customers.listCustomers).toHaveBeenCalledWith(resellerA, 50, 'position-1');
    expect(ports.cursors.seal).toHaveBeenCalledWith('position-2', scope);
    expect(page).toEqual({ items: [customer()], cursor: 'sealed:position-2' });
  });

  it('gives a USER only its own customer, unpaged', async () => {
    // Prepare
    const ports = listPorts();

    // Act
    const page = await listCustomers(ports, userOfCustomer, { limit: 50 });

    // Assess
    expect(page).toEqual({ items: [customer()] });
    expect(ports.customers.getCustomer).toHaveBeenCalledWith(resellerA, customerId);
    expect(ports.customers.listCustomers).not.toHaveBeenCalled();
  });

  it('refuses a RESELLER naming another reseller, and ADMIN naming none', async () => {
    // Prepare
    const ports = listPorts();

    // Act
    const other = await refusalOf(listCustomers(ports, staffOfA, { reseller: resellerB, limit: 50 }));
    const unnamed = await refusalOf(listCustomers(ports, admin, { limit: 50 }));

    // Assess
    expect(other).toEqual({ status: 403, message: 'access_denied', description: 'Access denied' });
    expect(unnamed).toEqual({
      status: 422,
      message: 'reseller',
      description: 'Reseller is required for ADMIN',
    });
    expect(ports.customers.listCustomers).not.toHaveBeenCalled();
  });
});
