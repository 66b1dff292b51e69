import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { pulledIds as ids, markExported, pending, retireSystem, systemsOf } from './support/tracking.ts';

/**
 * The systems that pull a reseller's invoices (docs/seeds/004-export-tracking.txt's `system_id`): at most 20 per tenant,
 * each retired by a route of its own, none of them making an invoice dearer to create, and any
 * name the schema allows behaving like any other (Object.prototype's names included).
 */
const systemLimit = 20;

const sentInvoice = async (tenant: Tenant, product: { _id: string }, units = 1) => {
  const created = await tenant.resellerClient.POST('/invoice', {
    body: { customer: tenant.customer, sent: true, lines: [{ product: product._id, units }] },
  });
  return created.data!._id;
};

const systemIds = (answer: { data?: { systems: { system_id: string }[] } }) =>
  (answer.data?.systems ?? []).map((system) => system.system_id);

describe('export systems', () => {
  let product: { _id: string };

  beforeAll(async () => {
    product = await createProduct();
  });

  it('creates an invoice billing 80 current items for a tenant with 20 systems: one system more costs the write nothing', async () => {
    // Prepare
    const tenant = await createTenant('Systems full');
    for (let index = 0; index < systemLimit; index += 1) {
      const pulled = await pending(tenant.resellerClient, { system_id: `system-${index}` });
      expect(pulled.response.status).toBe(200);
    }
    const items: string[] = [];
    for (let index = 0; index < 80; index += 1) {
      const item = await tenant.resellerClient.POST('/invoice/current', {
        body: { customer: tenant.customer, product: product._id, units: 1, recurrence: 'NONE' },
      });
      items.push(item.data!._id);
    }

    // Act
    const created = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, sent: true, currentInvoices: items },
    });
    const pulled = await pending(tenant.resellerClient, { system_id: `system-${systemLimit - 1}` });

    // Assess
    expect(created.response.status).toBe(201);
    expect(created.data!.lines).toHaveLength(80);
    expect(ids(pulled)).toEqual([created.data!._id]);
  });

  it('refuses a 21st system with 422 system_id naming the limit, on the list and on the mark, and registers nothing', async () => {
    // Prepare
    const tenant = await createTenant('Systems limit');
    const invoice = await sentInvoice(tenant, product);
    for (let index = 0; index < systemLimit; index += 1) {
      await pending(tenant.resellerClient, { system_id: `slot-${index}` });
    }

    // Act
    const listed = await pending(tenant.resellerClient, { system_id: 'one-too-many' });
    const marked = await markExported(tenant.resellerClient, [
      { invoice_id: invoice, system_id: 'slot-0' },
      { invoice_id: invoice, system_id: 'one-too-many' },
    ]);
    const systems = await systemsOf(tenant.resellerClient);
    const stillPending = await pending(tenant.resellerClient, { system_id: 'slot-0' });

    // Assess
    const refusal = {
      status: 422,
      message: 'system_id',
      description: `At most ${systemLimit} systems can pull a reseller's invoices; retire one first (DELETE /invoices/export/systems)`,
    };
    expect(listed.response.status).toBe(422);
    expect(listed.error).toEqual(refusal);
    expect(marked.response.status).toBe(422);
    expect(marked.error).toEqual({ ...refusal, message: 'invoices[1].system_id' });
    expect(systems.data!.systems).toHaveLength(systemLimit);
    expect(systemIds(systems)).not.toContain('one-too-many');
    expect(ids(stillPending)).toEqual([invoice]);
  });

  it('retires a system: its slot is free again, and registered anew it lists what it never marked', async () => {
    // Prepare
    const tenant = await createTenant('Systems retire');
    const first = await sentInvoice(tenant, product);
    const second = await sentInvoice(tenant, product);
    for (let index = 0; index < systemLimit; index += 1) {
      await pending(tenant.resellerClient, { system_id: `spare-${index}` });
    }
    await markExported(tenant.resellerClient, [{ invoice_id: first, system_id: 'spare-0' }]);

    // Act
    const retired = await retireSystem(tenant.resellerClient, 'spare-0');
    const again = await retireSystem(tenant.resellerClient, 'spare-0');
    const systems = await systemsOf(tenant.resellerClient);
    const newcomer = await pending(tenant.resellerClient, { system_id: 'newcomer' });
    await retireSystem(tenant.resellerClient, 'newcomer');
    const returning = await pending(tenant.resellerClient, { system_id: 'spare-0' });

    // Assess
    expect(retired.response.status).toBe(204);
    expect(again.response.status).toBe(404);
    expect(again.error).toEqual({
      status: 404,
      message: 'system_id',
      description: 'No system spare-0 pulls this reseller’s invoices',
    });
    expect(systemIds(systems)).not.toContain('spare-0');
    expect(systems.data).toMatchObject({ limit: systemLimit });
    expect(newcomer.response.status).toBe(200);
    expect(ids(newcomer)).toEqual([first, second]);
    expect(ids(returning)).toEqual([second]);
  });

  it('refuses with 422 cursor a cursor given before the system was retired and registered again', async () => {
    // Prepare
    const tenant = await createTenant('Systems cursor');
    await sentInvoice(tenant, product);
    await sentInvoice(tenant, product);
    const first = await pending(tenant.resellerClient, { system_id: 'pager', limit: 1 });
    await retireSystem(tenant.resellerClient, 'pager');
    const cursor = first.data!.cursor!;

    // Act
    const next = await pending(tenant.resellerClient, { system_id: 'pager', limit: 1, cursor });
    const other = await pending(tenant.resellerClient, { system_id: 'other', limit: 1, cursor });

    // Assess
    expect(cursor).toEqual(expect.any(String));
    expect(next.response.status).toBe(422);
    expect(next.error?.message).toBe('cursor');
    expect(other.response.status).toBe(422);
    expect(other.error?.message).toBe('cursor');
  });

  it('lets only the tenant see and retire its systems; an ADMIN names the reseller; a USER may do neither', async () => {
    // Prepare
    const a = await createTenant('Systems A');
    const b = await createTenant('Systems B');
    await pending(a.resellerClient, { system_id: 'private-warehouse' });
    const platform = await adminClient();

    // Act
    const bSees = await systemsOf(b.resellerClient);
    const bReaches = await systemsOf(b.resellerClient, a.reseller);
    const bRetires = await retireSystem(b.resellerClient, 'private-warehouse');
    const bRetiresA = await retireSystem(b.resellerClient, 'private-warehouse', a.reseller);
    const userSees = await systemsOf(a.userClient);
    const userRetires = await retireSystem(a.userClient, 'private-warehouse');
    const aSees = await systemsOf(a.resellerClient);
    const adminWithout = await retireSystem(platform, 'private-warehouse');
    const adminSees = await systemsOf(platform, a.reseller);
    const adminRetires = await retireSystem(platform, 'private-warehouse', a.reseller);
    const aAfter = await systemsOf(a.resellerClient);

    // Assess
    expect(bSees.response.status).toBe(200);
    expect(bSees.data!.systems).toEqual([]);
    expect(bReaches.response.status).toBe(403);
    expect(bRetires.response.status).toBe(404);
    expect(bRetiresA.response.status).toBe(403);
    expect(userSees.response.status).toBe(403);
    expect(userRetires.response.status).toBe(403);
    expect(aSees.data!.systems).toEqual([
      { system_id: 'private-warehouse', registered_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) },
    ]);
    expect(adminWithout.response.status).toBe(422);
    expect(adminWithout.error?.message).toBe('reseller');
    expect(systemIds(adminSees)).toEqual(['private-warehouse']);
    expect(adminRetires.response.status).toBe(204);
    expect(aAfter.data!.systems).toEqual([]);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'treats the system %s like any other name: listed until marked, then listed again only for re-export',
    async (system) => {
      // Prepare
      const tenant = await createTenant(`Systems ${system}`);
      const first = await sentInvoice(tenant, product, 1);
      const second = await sentInvoice(tenant, product, 2);
      const api = tenant.resellerClient;
      const before = await pending(api, { system_id: system });

      // Act
      const marked = await markExported(api, [{ invoice_id: first, system_id: system }]);
      const after = await pending(api, { system_id: system });
      const other = await pending(api, { system_id: 'plain' });
      const reExport = await pending(api, { system_id: system, not_exported_since: '2999-01-01T00:00:00Z' });
      const systems = await systemsOf(api);
      const retired = await retireSystem(api, system);

      // Assess
      expect(ids(before)).toEqual([first, second]);
      expect(before.data!.invoices[0]!.exported_at).toBeNull();
      expect(marked.response.status).toBe(200);
      expect(ids(after)).toEqual([second]);
      expect(ids(other)).toEqual([first, second]);
      expect(ids(reExport)).toEqual([second, first]);
      expect(reExport.data!.invoices[1]!.exported_at).toBe(marked.data!.marked[0]!.exported_at);
      expect(reExport.data!.invoices[0]!.exported_at).toBeNull();
      expect(systemIds(systems).sort()).toEqual([system, 'plain'].sort());
      expect(retired.response.status).toBe(204);
    },
  );
});
