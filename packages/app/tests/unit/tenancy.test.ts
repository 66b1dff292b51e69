import { describe, expect, it, vi } from 'vitest';
import { findVisibleCustomer, requireVisibleCustomer } from '#app/tenancy';
import {
  admin,
  customer,
  customerId,
  resellerA,
  resellerB,
  staffOfA,
  staffOfB,
  userOfCustomer,
} from './fixtures.ts';

const portsWith = (stored = customer()) => ({
  customers: {
    getCustomer: vi.fn(async (reseller: string, id: string) =>
      reseller === stored.reseller && id === stored.id ? stored : undefined,
    ),
  },
  directory: {
    lookUp: vi.fn(async () => ({ id: stored.id, kind: 'customer' as const, reseller: stored.reseller })),
  },
});

describe('findVisibleCustomer', () => {
  it('finds any customer for ADMIN through the id directory', async () => {
    // Prepare
    const ports = portsWith();

    // Act
    const found = await findVisibleCustomer(ports, admin, customerId);

    // Assess
    expect(found).toEqual(customer());
    expect(ports.directory.lookUp).toHaveBeenCalledWith(customerId, 'customer');
    expect(ports.customers.getCustomer).toHaveBeenCalledWith(resellerA, customerId);
  });

  it('looks only in the RESELLER’s own tenant, so another tenant’s customer is not found', async () => {
    // Prepare
    const ports = portsWith();

    // Act
    const [own, other] = [
      await findVisibleCustomer(ports, staffOfA, customerId),
      await findVisibleCustomer(ports, staffOfB, customerId),
    ];

    // Assess
    expect(own).toEqual(customer());
    expect(other).toBeUndefined();
    expect(ports.customers.getCustomer.mock.calls).toEqual([
      [resellerA, customerId],
      [resellerB, customerId],
    ]);
    expect(ports.directory.lookUp).not.toHaveBeenCalled();
  });

  it('gives a USER its own customer and nothing else, without asking the store', async () => {
    // Prepare
    const ports = portsWith();

    // Act
    const other = await findVisibleCustomer(ports, userOfCustomer, '65f0000000000000000001ff');

    // Assess
    expect(other).toBeUndefined();
    expect(ports.customers.getCustomer).not.toHaveBeenCalled();
  });

  it('finds nothing for ADMIN when the directory knows no such id', async () => {
    // Prepare
    const ports = portsWith();
    ports.directory.lookUp.mockResolvedValueOnce(undefined as never);

    // Act
    const found = await findVisibleCustomer(ports, admin, customerId);

    // Assess
    expect(found).toBeUndefined();
    expect(ports.customers.getCustomer).not.toHaveBeenCalled();
  });
});

describe('requireVisibleCustomer', () => {
  it('refuses an unreachable customer as not found, under the key the route names', async () => {
    // Prepare
    const ports = portsWith();

    // Act
    const [byDefault, named] = await Promise.all([
      requireVisibleCustomer(ports, staffOfB, customerId).catch((error: unknown) => error),
      requireVisibleCustomer(ports, staffOfB, customerId, 'not_found', 'Not found').catch(
        (error: unknown) => error,
      ),
    ]);

    // Assess
    expect((byDefault as { toBody(): unknown }).toBody()).toEqual({
      status: 404,
      message: 'customer',
      description: 'Customer not found',
    });
    expect((named as { toBody(): unknown }).toBody()).toEqual({
      status: 404,
      message: 'not_found',
      description: 'Not found',
    });
  });
});
