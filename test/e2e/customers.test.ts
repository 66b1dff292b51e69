import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { admin, adminClient, createTenant, type Tenant } from './support/fixtures.ts';

describe('customers', () => {
  let tenant: Tenant;
  let platform: FakturaClient;

  beforeAll(async () => {
    platform = await adminClient();
    tenant = await createTenant('Customers');
  });

  it('lets a RESELLER add a customer to itself and read it back', async () => {
    // Act
    const created = await tenant.resellerClient.POST('/customer', {
      body: {
        name: 'Køge Blomster',
        email: 'info@koge-blomster.dk',
        address: { street: 'Torvet 1', zip: '4600', city: 'Køge', country: 'DK' },
        finance: { accountingSystemId: '20417' },
      },
    });
    const read = await tenant.resellerClient.GET('/customer/{id}', {
      params: { path: { id: created.data!._id } },
    });

    // Assess
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      reseller: tenant.reseller,
      name: 'Køge Blomster',
      finance: { accountingSystemId: '20417' },
    });
    expect(read.data).toEqual(created.data);
  });

  it('requires ADMIN to name the reseller, and answers 404 reseller for one that does not exist', async () => {
    const missing = await platform.POST('/customer', { body: { name: 'Nobody' } });
    const unknown = await platform.POST('/customer', {
      body: { name: 'Nobody', reseller: '0123456789abcdef01234567' },
    });

    expect(missing.response.status).toBe(422);
    expect(missing.error?.message).toBe('reseller');
    expect(unknown.response.status).toBe(404);
    expect(unknown.error).toMatchObject({ message: 'reseller', description: 'Reseller not found' });
  });

  it('patches only the fields given and keeps the rest', async () => {
    // Prepare
    const created = await tenant.resellerClient.POST('/customer', {
      body: { name: 'Før', email: 'a@b.dk', finance: { accountingSystemId: '1' } },
    });

    // Act
    const patched = await tenant.resellerClient.PATCH('/customer/{id}', {
      params: { path: { id: created.data!._id } },
      body: { name: 'Efter', finance: { accountingSystemId: '2' } },
    });

    // Assess
    expect(patched.response.status).toBe(200);
    expect(patched.data).toMatchObject({
      name: 'Efter',
      email: 'a@b.dk',
      finance: { accountingSystemId: '2' },
    });
  });

  it('refuses an empty patch with 422', async () => {
    // Untyped on purpose: the reference asks for at least one field.
    const response = await tenant.resellerApi.patch(`/customer/${tenant.customer}`, {});

    expect(response.status).toBe(422);
  });

  it('lists the customers of a reseller in pages', async () => {
    const first = await platform.GET('/customer', {
      params: { query: { reseller: tenant.reseller, limit: 1 } },
    });
    const second = await platform.GET('/customer', {
      params: { query: { reseller: tenant.reseller, limit: 1, cursor: first.data!.cursor ?? undefined } },
    });

    expect(first.data?.customers).toHaveLength(1);
    expect(second.data?.customers).toHaveLength(1);
    expect(second.data?.customers[0]?._id).not.toBe(first.data?.customers[0]?._id);
  });

  it('shows a USER only its own customer', async () => {
    const own = await tenant.userClient.GET('/customer/{id}', { params: { path: { id: tenant.customer } } });
    const list = await tenant.userClient.GET('/customer');

    expect(own.response.status).toBe(200);
    expect(list.data?.customers.map((c) => c._id)).toEqual([tenant.customer]);
  });

  it('does not let a USER change its customer', async () => {
    const response = await tenant.userClient.PATCH('/customer/{id}', {
      params: { path: { id: tenant.customer } },
      body: { name: 'Hacked' },
    });

    expect(response.response.status).toBe(403);
    expect(response.error?.message).toBe('access_denied');
  });

  it('keeps the untyped helpers for the requests the reference forbids', async () => {
    // A name too long for the reference: refused naming the field, as every other refusal.
    const response = await (await admin()).post('/customer', {
      reseller: tenant.reseller,
      name: 'x'.repeat(201),
    });

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('name');
  });
});
