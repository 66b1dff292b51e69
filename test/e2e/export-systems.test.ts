import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * The systems that pull a reseller's invoices (docs/seeds/004-export-tracking.txt's `system_id`): at most 20 per tenant,
 * each retired by a route of its own, none of them making an invoice dearer to create, and any
 * name the schema allows behaving like any other (Object.prototype's names included).
 */
const systemLimit = 20;

const ids = (response: { body: { invoices: { _id: string }[] } }) =>
  response.body.invoices.map((invoice) => invoice._id);

const sentInvoice = async (tenant: Tenant, product: { _id: string }, units = 1) => {
  const created = await tenant.resellerApi.post('/invoice', {
    customer: tenant.customer,
    sent: true,
    lines: [{ product: product._id, units }],
  });
  if (created.status !== 201) throw new Error(`invoice: ${created.status} ${created.text}`);
  return created.body._id as string;
};

describe('export systems', () => {
  let product: { _id: string };

  beforeAll(async () => {
    product = await createProduct();
  });

  it('creates an invoice billing 80 current items for a tenant with 20 systems: one system more costs the write nothing', async () => {
    // Prepare
    const tenant = await createTenant('Systems full');
    for (let index = 0; index < systemLimit; index += 1) {
      expect((await tenant.resellerApi.get(`/invoices/export?system_id=system-${index}`)).status).toBe(200);
    }
    const items: string[] = [];
    for (let index = 0; index < 80; index += 1) {
      const item = await tenant.resellerApi.post('/invoice/current', {
        customer: tenant.customer,
        product: product._id,
        units: 1,
        recurrence: 'NONE',
      });
      items.push(item.body._id);
    }

    // Act
    const created = await tenant.resellerApi.post('/invoice', {
      customer: tenant.customer,
      sent: true,
      currentInvoices: items,
    });
    const pulled = await tenant.resellerApi.get(`/invoices/export?system_id=system-${systemLimit - 1}`);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.lines).toHaveLength(80);
    expect(ids(pulled)).toEqual([created.body._id]);
  });

  it('refuses a 21st system with 422 system_id naming the limit, on the list and on the mark, and registers nothing', async () => {
    // Prepare
    const tenant = await createTenant('Systems limit');
    const invoice = await sentInvoice(tenant, product);
    for (let index = 0; index < systemLimit; index += 1) {
      await tenant.resellerApi.get(`/invoices/export?system_id=slot-${index}`);
    }

    // Act
    const listed = await tenant.resellerApi.get('/invoices/export?system_id=one-too-many');
    const marked = await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [
        { invoice_id: invoice, system_id: 'slot-0' },
        { invoice_id: invoice, system_id: 'one-too-many' },
      ],
    });
    const systems = await tenant.resellerApi.get('/invoices/export/systems');
    const stillPending = await tenant.resellerApi.get('/invoices/export?system_id=slot-0');

    // Assess
    const refusal = {
      status: 422,
      message: 'system_id',
      description: `At most ${systemLimit} systems can pull a reseller's invoices; retire one first (DELETE /invoices/export/systems)`,
    };
    expect(listed.status).toBe(422);
    expect(listed.body).toEqual(refusal);
    expect(marked.status).toBe(422);
    expect(marked.body).toEqual({ ...refusal, message: 'invoices[1].system_id' });
    expect(systems.body.systems).toHaveLength(systemLimit);
    expect(systems.body.systems.map((s: { system_id: string }) => s.system_id)).not.toContain('one-too-many');
    expect(ids(stillPending)).toEqual([invoice]);
  });

  it('retires a system: its slot is free again, and registered anew it lists what it never marked', async () => {
    // Prepare
    const tenant = await createTenant('Systems retire');
    const first = await sentInvoice(tenant, product);
    const second = await sentInvoice(tenant, product);
    for (let index = 0; index < systemLimit; index += 1) {
      await tenant.resellerApi.get(`/invoices/export?system_id=spare-${index}`);
    }
    await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [{ invoice_id: first, system_id: 'spare-0' }],
    });

    // Act
    const retired = await tenant.resellerApi.delete('/invoices/export/systems?system_id=spare-0');
    const again = await tenant.resellerApi.delete('/invoices/export/systems?system_id=spare-0');
    const systems = await tenant.resellerApi.get('/invoices/export/systems');
    const newcomer = await tenant.resellerApi.get('/invoices/export?system_id=newcomer');
    await tenant.resellerApi.delete('/invoices/export/systems?system_id=newcomer');
    const returning = await tenant.resellerApi.get('/invoices/export?system_id=spare-0');

    // Assess
    expect(retired.status).toBe(204);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({
      status: 404,
      message: 'system_id',
      description: 'No system spare-0 pulls this reseller’s invoices',
    });
    expect(systems.body.systems.map((s: { system_id: string }) => s.system_id)).not.toContain('spare-0');
    expect(systems.body).toMatchObject({ limit: systemLimit });
    expect(newcomer.status).toBe(200);
    expect(ids(newcomer)).toEqual([first, second]);
    expect(ids(returning)).toEqual([second]);
  });

  it('refuses with 422 cursor a cursor given before the system was retired and registered again', async () => {
    // Prepare
    const tenant = await createTenant('Systems cursor');
    await sentInvoice(tenant, product);
    await sentInvoice(tenant, product);
    const first = await tenant.resellerApi.get('/invoices/export?system_id=pager&limit=1');
    await tenant.resellerApi.delete('/invoices/export/systems?system_id=pager');

    // Act
    const next = await tenant.resellerApi.get(
      `/invoices/export?system_id=pager&limit=1&cursor=${first.body.cursor}`,
    );
    const other = await tenant.resellerApi.get(
      `/invoices/export?system_id=other&limit=1&cursor=${first.body.cursor}`,
    );

    // Assess
    expect(first.body.cursor).toEqual(expect.any(String));
    expect(next.status).toBe(422);
    expect(next.body.message).toBe('cursor');
    expect(other.status).toBe(422);
    expect(other.body.message).toBe('cursor');
  });

  it('lets only the tenant see and retire its systems; an ADMIN names the reseller; a USER may do neither', async () => {
    // Prepare
    const a = await createTenant('Systems A');
    const b = await createTenant('Systems B');
    await a.resellerApi.get('/invoices/export?system_id=private-warehouse');
    const platform = await admin();

    // Act
    const bSees = await b.resellerApi.get('/invoices/export/systems');
    const bReaches = await b.resellerApi.get(`/invoices/export/systems?reseller=${a.reseller}`);
    const bRetires = await b.resellerApi.delete('/invoices/export/systems?system_id=private-warehouse');
    const bRetiresA = await b.resellerApi.delete(
      `/invoices/export/systems?system_id=private-warehouse&reseller=${a.reseller}`,
    );
    const userSees = await a.userApi.get('/invoices/export/systems');
    const userRetires = await a.userApi.delete('/invoices/export/systems?system_id=private-warehouse');
    const aSees = await a.resellerApi.get('/invoices/export/systems');
    const adminWithout = await platform.delete('/invoices/export/systems?system_id=private-warehouse');
    const adminSees = await platform.get(`/invoices/export/systems?reseller=${a.reseller}`);
    const adminRetires = await platform.delete(
      `/invoices/export/systems?system_id=private-warehouse&reseller=${a.reseller}`,
    );
    const aAfter = await a.resellerApi.get('/invoices/export/systems');

    // Assess
    expect(bSees.status).toBe(200);
    expect(bSees.body.systems).toEqual([]);
    expect(bReaches.status).toBe(403);
    expect(bRetires.status).toBe(404);
    expect(bRetiresA.status).toBe(403);
    expect(userSees.status).toBe(403);
    expect(userRetires.status).toBe(403);
    expect(aSees.body.systems).toEqual([
      { system_id: 'private-warehouse', registered_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) },
    ]);
    expect(adminWithout.status).toBe(422);
    expect(adminWithout.body.message).toBe('reseller');
    expect(adminSees.body.systems.map((s: { system_id: string }) => s.system_id)).toEqual([
      'private-warehouse',
    ]);
    expect(adminRetires.status).toBe(204);
    expect(aAfter.body.systems).toEqual([]);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'treats the system %s like any other name: listed until marked, then listed again only for re-export',
    async (system) => {
      // Prepare
      const tenant = await createTenant(`Systems ${system}`);
      const first = await sentInvoice(tenant, product, 1);
      const second = await sentInvoice(tenant, product, 2);
      const before = await tenant.resellerApi.get(`/invoices/export?system_id=${system}`);

      // Act
      const marked = await tenant.resellerApi.post('/invoices/mark-as-exported', {
        invoices: [{ invoice_id: first, system_id: system }],
      });
      const after = await tenant.resellerApi.get(`/invoices/export?system_id=${system}`);
      const other = await tenant.resellerApi.get('/invoices/export?system_id=plain');
      const reExport = await tenant.resellerApi.get(
        `/invoices/export?system_id=${system}&not_exported_since=2999-01-01T00:00:00Z`,
      );
      const systems = await tenant.resellerApi.get('/invoices/export/systems');
      const retired = await tenant.resellerApi.delete(`/invoices/export/systems?system_id=${system}`);

      // Assess
      expect(ids(before)).toEqual([first, second]);
      expect(before.body.invoices[0].exported_at).toBeNull();
      expect(marked.status).toBe(200);
      expect(ids(after)).toEqual([second]);
      expect(ids(other)).toEqual([first, second]);
      expect(ids(reExport)).toEqual([second, first]);
      expect(reExport.body.invoices[1].exported_at).toBe(marked.body.marked[0].exported_at);
      expect(reExport.body.invoices[0].exported_at).toBeNull();
      expect(systems.body.systems.map((s: { system_id: string }) => s.system_id).sort()).toEqual(
        [system, 'plain'].sort(),
      );
      expect(retired.status).toBe(204);
    },
  );
});
