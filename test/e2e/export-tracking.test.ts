import { beforeAll, describe, expect, it } from 'vitest';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { pulledIds as ids, markExported, type PendingQuery, pending } from './support/tracking.ts';
import { problemOf, timelineOf } from './support/typed-api.ts';

describe('export tracking', () => {
  let tenant: Tenant;
  let invoices: string[];

  beforeAll(async () => {
    tenant = await createTenant('Tracking');
    const product = await createProduct();
    invoices = [];
    for (let i = 0; i < 6; i += 1) {
      const created = await tenant.resellerClient.POST('/invoice', {
        body: { customer: tenant.customer, sent: i !== 5, lines: [{ product: product._id, units: i + 1 }] },
      });
      invoices.push(created.data!._id);
    }
  });

  const pull = (query: PendingQuery) => pending(tenant.resellerClient, query);
  /**
   * Untyped on purpose: filter_groups' deep keys (`filter_groups[0][filters][0][key]`) and the
   * refused queries are query strings the typed client cannot write; the answers are still held
   * to the reference.
   */
  const pullRaw = (query: string) => tenant.resellerApi.get(`/invoices/export?${query}`);

  it('lists the booked invoices a system has not taken, and drafts only when asked', async () => {
    const booked = await pull({ system_id: 'warehouse' });
    const all = await pull({ system_id: 'warehouse', include_non_booked: '1' });

    expect(booked.response.status).toBe(200);
    expect(ids(booked)).toEqual(invoices.slice(0, 5));
    expect(ids(all)).toEqual(invoices);
    expect(booked.data!.invoices[0]).toMatchObject({
      booked: true,
      exported_at: null,
      created_at: expect.any(String),
    });
    expect(booked.data!.invoices[0]).not.toHaveProperty('lines');
  });

  it('round-trips pull and mark for two systems independently, keeping each mark’s note in the timeline', async () => {
    // Act
    const marked = await markExported(tenant.resellerClient, [
      { invoice_id: invoices[0]!, system_id: 'bi', note: 'Importeret i datavarehus' },
      { invoice_id: invoices[1]!, system_id: 'bi' },
      { invoice_id: invoices[0]!, system_id: 'collections' },
    ]);
    const bi = await pull({ system_id: 'bi' });
    const collections = await pull({ system_id: 'collections' });
    const timeline = await timelineOf(tenant.resellerClient, invoices[0]!);

    // Assess
    expect(marked.response.status).toBe(200);
    expect(marked.data!.marked).toHaveLength(3);
    expect(ids(bi)).toEqual(invoices.slice(2, 5));
    expect(ids(collections)).toEqual(invoices.slice(1, 5));
    expect(timeline).toContainEqual(
      expect.objectContaining({
        event: 'marked exported to bi',
        system: 'bi',
        note: 'Importeret i datavarehus',
      }),
    );
  });

  it('lists invoices again whose mark is older than not_exported_since (re-export), and marking again keeps the history', async () => {
    // Prepare
    await markExported(tenant.resellerClient, [{ invoice_id: invoices[2]!, system_id: 'ledger' }]);
    // A second boundary, written as a client would (no milliseconds), strictly between the two marks.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const between = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await markExported(tenant.resellerClient, [{ invoice_id: invoices[3]!, system_id: 'ledger' }]);

    // Act
    const fresh = await pull({ system_id: 'ledger' });
    const again = await pull({ system_id: 'ledger', not_exported_since: between });
    const remark = await markExported(tenant.resellerClient, [
      { invoice_id: invoices[2]!, system_id: 'ledger', note: 'igen' },
    ]);
    const after = await pull({ system_id: 'ledger', not_exported_since: between });
    const timeline = await timelineOf(tenant.resellerClient, invoices[2]!);

    // Assess
    expect(ids(fresh)).toEqual([invoices[0], invoices[1], invoices[4]]);
    expect(ids(again)).toEqual([invoices[0], invoices[1], invoices[4], invoices[2]]);
    expect(remark.response.status).toBe(200);
    expect(ids(after)).toEqual([invoices[0], invoices[1], invoices[4]]);
    expect(timeline.filter((e) => e.system === 'ledger')).toHaveLength(2);
  });

  it('filters with filter_groups: AND-ed groups, OR-ed filters inside a group', async () => {
    // Prepare
    const first = await pull({ system_id: 'filters', include_non_booked: '1' });
    const created = first.data!.invoices.map((i) => i.created_at);
    const f = (g: number, n: number, key: string, operator: string, value: string) =>
      `filter_groups[${g}][filters][${n}][key]=${key}&filter_groups[${g}][filters][${n}][operator]=${operator}&filter_groups[${g}][filters][${n}][value]=${encodeURIComponent(value)}`;

    // Act
    const and = await pullRaw(
      `system_id=filters&include_non_booked=1&${f(0, 0, 'created_at', 'gte', created[1]!)}&${f(1, 0, 'created_at', 'lte', created[2]!)}`,
    );
    const or = await pullRaw(
      `system_id=filters&include_non_booked=1&filter_groups[0][or]=1&${f(0, 0, 'created_at', 'eq', created[0]!)}&${f(0, 1, 'created_at', 'eq', created[5]!)}`,
    );

    // Assess
    expect(ids({ data: and.body })).toEqual(invoices.slice(1, 3));
    expect(ids({ data: or.body })).toEqual([invoices[0], invoices[5]]);
  });

  it('embeds the lines with includes[]=lines, and pages with a cursor', async () => {
    const first = await pull({ system_id: 'pager', limit: 2, 'includes[]': 'lines' });
    const second = await pull({ system_id: 'pager', limit: 2, cursor: first.data!.cursor! });

    expect(first.data!.invoices[0]!.lines).toHaveLength(1);
    expect(ids(first)).toEqual(invoices.slice(0, 2));
    expect(ids(second)).toEqual(invoices.slice(2, 4));
  });

  it.each([
    ['', 'system_id'],
    ['system_id=x&not_exported_since=2026-11-01T00:00:00%2B25:00', 'not_exported_since'],
    ['system_id=x&not_exported_since=yesterday', 'not_exported_since'],
    [
      'system_id=x&filter_groups[0][filters][0][key]=total&filter_groups[0][filters][0][value]=1',
      'filter_groups[0][filters][0][key]',
    ],
    ['system_id=x&include_non_booked=2', 'include_non_booked'],
  ])('refuses %s with 422 naming %s', async (query, key) => {
    const response = await pullRaw(query);

    expect(response.status).toBe(422);
    expect(response.body.message).toBe(key);
    if (key.startsWith('filter_groups'))
      expect(response.body.description).toContain('created_at, updated_at');
  });

  it('marks at most 10 at a time: 11 is a 422 and nothing is marked', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      invoice_id: invoices[i % 6]!,
      system_id: `ten-${i}`,
    }));

    // Untyped on purpose: the reference allows at most 10 invoices.
    const response = await tenant.resellerApi.post('/invoices/mark-as-exported', { invoices: eleven });

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('invoices');
    expect(ids(await pull({ system_id: 'ten-0' }))).toContain(invoices[0]);
  });

  it('marks nothing when one invoice is not the caller’s, and says which', async () => {
    const other = await createTenant('Tracking other');
    const product = await createProduct();
    const foreign = await other.resellerClient.POST('/invoice', {
      body: { customer: other.customer, sent: true, lines: [{ product: product._id, units: 1 }] },
    });

    const response = await markExported(tenant.resellerClient, [
      { invoice_id: invoices[4]!, system_id: 'atomic' },
      { invoice_id: foreign.data!._id, system_id: 'atomic' },
    ]);

    expect(response.response.status).toBe(404);
    expect(problemOf(response)).toMatchObject({
      message: 'invoices[1].invoice_id',
      description: 'Invoice not found',
    });
    expect(ids(await pull({ system_id: 'atomic' }))).toContain(invoices[4]);
    expect(ids(await pending(other.resellerClient, { system_id: 'atomic' }))).toEqual([foreign.data!._id]);
  });

  it('lists an invoice created after the system first asked: it is pending from its creation', async () => {
    // Prepare
    const fresh = await createTenant('Tracking later');
    const product = await createProduct();
    const before = await pending(fresh.resellerClient, { system_id: 'ledger' });

    // Act
    const created = await fresh.resellerClient.POST('/invoice', {
      body: { customer: fresh.customer, sent: true, lines: [{ product: product._id, units: 2 }] },
    });
    const after = await pending(fresh.resellerClient, { system_id: 'ledger' });

    // Assess
    expect(ids(before)).toEqual([]);
    expect(created.response.status).toBe(201);
    expect(ids(after)).toEqual([created.data!._id]);
  });
});
