import { beforeAll, describe, expect, it } from 'vitest';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/** docs/seeds/004-export-tracking.txt: another system pulls the invoices it has not taken, and confirms what it took. */
describe('export tracking', () => {
  let tenant: Tenant;
  let invoices: string[];

  beforeAll(async () => {
    tenant = await createTenant('Tracking');
    const product = await createProduct();
    invoices = [];
    for (let i = 0; i < 6; i += 1) {
      const created = await tenant.resellerApi.post('/invoice', {
        customer: tenant.customer,
        sent: i !== 5,
        lines: [{ product: product._id, units: i + 1 }],
      });
      invoices.push(created.body._id);
    }
  });

  const pull = async (query: string) => tenant.resellerApi.get(`/invoices/export?${query}`);
  const ids = (response: { body: { invoices: { _id: string }[] } }) =>
    response.body.invoices.map((invoice) => invoice._id);

  it('lists the booked invoices a system has not taken, and drafts only when asked', async () => {
    const booked = await pull('system_id=warehouse');
    const all = await pull('system_id=warehouse&include_non_booked=1');

    expect(booked.status).toBe(200);
    expect(ids(booked)).toEqual(invoices.slice(0, 5));
    expect(ids(all)).toEqual(invoices);
    expect(booked.body.invoices[0]).toMatchObject({
      booked: true,
      exported_at: null,
      created_at: expect.any(String),
    });
    expect(booked.body.invoices[0]).not.toHaveProperty('lines');
  });

  it('round-trips pull and mark for two systems independently, keeping each mark’s note in the timeline', async () => {
    // Act
    const marked = await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [
        { invoice_id: invoices[0], system_id: 'bi', note: 'Importeret i datavarehus' },
        { invoice_id: invoices[1], system_id: 'bi' },
        { invoice_id: invoices[0], system_id: 'collections' },
      ],
    });
    const bi = await pull('system_id=bi');
    const collections = await pull('system_id=collections');
    const timeline = await tenant.resellerApi.get(`/invoice/${invoices[0]}/timeline`);

    // Assess
    expect(marked.status).toBe(200);
    expect(marked.body.marked).toHaveLength(3);
    expect(ids(bi)).toEqual(invoices.slice(2, 5));
    expect(ids(collections)).toEqual(invoices.slice(1, 5));
    expect(timeline.body.timeline).toContainEqual(
      expect.objectContaining({
        event: 'marked exported to bi',
        system: 'bi',
        note: 'Importeret i datavarehus',
      }),
    );
  });

  it('lists invoices again whose mark is older than not_exported_since (re-export), and marking again keeps the history', async () => {
    // Prepare
    await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [{ invoice_id: invoices[2], system_id: 'ledger' }],
    });
    // A second boundary, written as a client would (no milliseconds), strictly between the two marks.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const between = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [{ invoice_id: invoices[3], system_id: 'ledger' }],
    });

    // Act
    const fresh = await pull('system_id=ledger');
    const again = await pull(`system_id=ledger&not_exported_since=${between}`);
    const remark = await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [{ invoice_id: invoices[2], system_id: 'ledger', note: 'igen' }],
    });
    const after = await pull(`system_id=ledger&not_exported_since=${between}`);
    const timeline = await tenant.resellerApi.get(`/invoice/${invoices[2]}/timeline`);

    // Assess
    expect(ids(fresh)).toEqual([invoices[0], invoices[1], invoices[4]]);
    expect(ids(again)).toEqual([invoices[0], invoices[1], invoices[4], invoices[2]]);
    expect(remark.status).toBe(200);
    expect(ids(after)).toEqual([invoices[0], invoices[1], invoices[4]]);
    expect(timeline.body.timeline.filter((e: { system?: string }) => e.system === 'ledger')).toHaveLength(2);
  });

  it('filters with filter_groups: AND-ed groups, OR-ed filters inside a group', async () => {
    // Prepare
    const first = await pull('system_id=filters&include_non_booked=1');
    const created = first.body.invoices.map((i: { created_at: string }) => i.created_at);
    const f = (g: number, n: number, key: string, operator: string, value: string) =>
      `filter_groups[${g}][filters][${n}][key]=${key}&filter_groups[${g}][filters][${n}][operator]=${operator}&filter_groups[${g}][filters][${n}][value]=${encodeURIComponent(value)}`;

    // Act
    const and = await pull(
      `system_id=filters&include_non_booked=1&${f(0, 0, 'created_at', 'gte', created[1])}&${f(1, 0, 'created_at', 'lte', created[2])}`,
    );
    const or = await pull(
      `system_id=filters&include_non_booked=1&filter_groups[0][or]=1&${f(0, 0, 'created_at', 'eq', created[0])}&${f(0, 1, 'created_at', 'eq', created[5])}`,
    );

    // Assess
    expect(ids(and)).toEqual(invoices.slice(1, 3));
    expect(ids(or)).toEqual([invoices[0], invoices[5]]);
  });

  it('embeds the lines with includes[]=lines, and pages with a cursor', async () => {
    const first = await pull('system_id=pager&limit=2&includes[]=lines');
    const second = await pull(`system_id=pager&limit=2&cursor=${first.body.cursor}`);

    expect(first.body.invoices[0].lines).toHaveLength(1);
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
    const response = await pull(query);

    expect(response.status).toBe(422);
    expect(response.body.message).toBe(key);
    if (key.startsWith('filter_groups'))
      expect(response.body.description).toContain('created_at, updated_at');
  });

  it('marks at most 10 at a time: 11 is a 422 and nothing is marked', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      invoice_id: invoices[i % 6],
      system_id: `ten-${i}`,
    }));

    const response = await tenant.resellerApi.post('/invoices/mark-as-exported', { invoices: eleven });

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('invoices');
    expect(ids(await pull('system_id=ten-0'))).toContain(invoices[0]);
  });

  it('marks nothing when one invoice is not the caller’s, and says which', async () => {
    const other = await createTenant('Tracking other');
    const product = await createProduct();
    const foreign = await other.resellerApi.post('/invoice', {
      customer: other.customer,
      sent: true,
      lines: [{ product: product._id, units: 1 }],
    });

    const response = await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [
        { invoice_id: invoices[4], system_id: 'atomic' },
        { invoice_id: foreign.body._id, system_id: 'atomic' },
      ],
    });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      message: 'invoices[1].invoice_id',
      description: 'Invoice not found',
    });
    expect(ids(await pull('system_id=atomic'))).toContain(invoices[4]);
    expect(ids(await other.resellerApi.get('/invoices/export?system_id=atomic'))).toEqual([foreign.body._id]);
  });

  it('lists an invoice created after the system first asked: it is pending from its creation', async () => {
    // Prepare
    const fresh = await createTenant('Tracking later');
    const product = await createProduct();
    const before = await fresh.resellerApi.get('/invoices/export?system_id=ledger');

    // Act
    const created = await fresh.resellerApi.post('/invoice', {
      customer: fresh.customer,
      sent: true,
      lines: [{ product: product._id, units: 2 }],
    });
    const after = await fresh.resellerApi.get('/invoices/export?system_id=ledger');

    // Assess
    expect(ids(before)).toEqual([]);
    expect(created.status).toBe(201);
    expect(ids(after)).toEqual([created.body._id]);
  });
});
