import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createTenant, type Tenant } from './support/fixtures.ts';

describe('customers', () => {
  let tenant: Tenant;
  let platform: Awaited<ReturnType<typeof admin>>;

  beforeAll(async () => {
    platform = await admin();
    tenant = await createTenant('Customers');
  });

  it('lets a RESELLER add a customer to itself and read it back', async () => {
    // Act
    const created = await tenant.resellerApi.post('/customer', {
      name: 'Køge Blomster',
      email: 'info@koge-blomster.dk',
      address: { street: 'Torvet 1', zip: '4600', city: 'Køge', country: 'DK' },
      finance: { accountingSystemId: '20417' },
    });
    const read = await tenant.resellerApi.get(`/customer/${created.body._id}`);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      reseller: tenant.reseller,
      name: 'Køge Blomster',
      finance: { accountingSystemId: '20417' },
    });
    expect(read.body).toEqual(created.body);
  });

  it('requires ADMIN to name the reseller, and answers 404 reseller for one that does not exist', async () => {
    const missing = await platform.post('/customer', { name: 'Nobody' });
    const unknown = await platform.post('/customer', {
      name: 'Nobody',
      reseller: '0123456789abcdef01234567',
    });

    expect(missing.status).toBe(422);
    expect(missing.body.message).toBe('reseller');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ message: 'reseller', description: 'Reseller not found' });
  });

  it('patches only the fields given and keeps the rest', async () => {
    // Prepare
    const created = await tenant.resellerApi.post('/customer', {
      name: 'Før',
      email: 'a@b.dk',
      finance: { accountingSystemId: '1' },
    });

    // Act
    const patched = await tenant.resellerApi.patch(`/customer/${created.body._id}`, {
      name: 'Efter',
      finance: { accountingSystemId: '2' },
    });

    // Assess
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Efter',
      email: 'a@b.dk',
      finance: { accountingSystemId: '2' },
    });
  });

  it('refuses an empty patch with 422', async () => {
    const response = await tenant.resellerApi.patch(`/customer/${tenant.customer}`, {});

    expect(response.status).toBe(422);
  });

  it('lists the customers of a reseller in pages', async () => {
    const first = await platform.get(`/customer?reseller=${tenant.reseller}&limit=1`);
    const second = await platform.get(
      `/customer?reseller=${tenant.reseller}&limit=1&cursor=${first.body.cursor}`,
    );

    expect(first.body.customers).toHaveLength(1);
    expect(second.body.customers).toHaveLength(1);
    expect(second.body.customers[0]._id).not.toBe(first.body.customers[0]._id);
  });

  it('shows a USER only its own customer', async () => {
    const own = await tenant.userApi.get(`/customer/${tenant.customer}`);
    const list = await tenant.userApi.get('/customer');

    expect(own.status).toBe(200);
    expect(list.body.customers.map((c: { _id: string }) => c._id)).toEqual([tenant.customer]);
  });

  it('does not let a USER change its customer', async () => {
    const response = await tenant.userApi.patch(`/customer/${tenant.customer}`, { name: 'Hacked' });

    expect(response.status).toBe(403);
    expect(response.body.message).toBe('access_denied');
  });
});
