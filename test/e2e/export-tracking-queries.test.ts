import { beforeAll, describe, expect, it } from 'vitest';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * docs/seeds/004-export-tracking.txt, GET /invoices/export: "fetches all invoices that have not been
 * exported", `not_exported_since` a "datetime (UTC)", and filter_groups in the API family's syntax.
 *
 * The queries are sent untyped on purpose: the query string as an integrator writes it (deep
 * filter_groups keys, unknown and misspelt keys, times in every form) is what is under test; every
 * answer is still held to the reference (support/api.ts).
 */
describe('export tracking: what GET /invoices/export reads from its query', () => {
  const count = 120;
  let tenant: Tenant;
  let invoices: string[];
  let created: string[];

  beforeAll(async () => {
    tenant = await createTenant('TrackingQueries');
    const product = await createProduct();
    invoices = [];
    // More than the old page of 100, one after another: each its own creation time, for the filters.
    for (let i = 0; i < count; i += 1) {
      const made = await tenant.resellerClient.POST('/invoice', {
        body: { customer: tenant.customer, sent: true, lines: [{ product: product._id, units: 1 }] },
      });
      expect(made.response.status).toBe(201);
      invoices.push(made.data!._id);
    }
    const all = await pull('system_id=probe');
    created = all.body.invoices.map((invoice: { created_at: string }) => invoice.created_at);
    invoices = all.body.invoices.map((invoice: { _id: string }) => invoice._id);
  }, 120_000);

  const pull = async (query: string) => tenant.resellerApi.get(`/invoices/export?${query}`);
  const ids = (response: { body: { invoices: { _id: string }[] } }) =>
    response.body.invoices.map((invoice) => invoice._id);

  it('answers every pending invoice at once, with no cursor, where it used to stop at 100', async () => {
    // Act
    const all = await pull('system_id=everything');

    // Assess
    expect(all.status).toBe(200);
    expect(ids(all)).toHaveLength(count);
    expect(all.body).not.toHaveProperty('cursor');
  });

  it('caps the count with limit (up to 1000), and goes on with the cursor', async () => {
    // Act
    const most = await pull('system_id=capped&limit=1000');
    const first = await pull('system_id=capped&limit=40&page=1');
    const rest = await pull(`system_id=capped&limit=100&cursor=${first.body.cursor}`);

    // Assess
    expect(most.status).toBe(200);
    expect(ids(most)).toHaveLength(count);
    expect(ids(first)).toEqual(invoices.slice(0, 40));
    expect(ids(rest)).toEqual(invoices.slice(40));
    expect(rest.body).not.toHaveProperty('cursor');
  });

  it.each([
    ['page=2', 'page'],
    ['page=2&limit=10', 'page'],
    ['limit=1001', 'limit'],
    ['not_export_since=2026-11-01', 'not_export_since'],
    ['per_page=10', 'per_page'],
  ])('refuses %s with 422 naming %s, never ignores it', async (query, key) => {
    // Act
    const response = await pull(`system_id=refused&${query}`);

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe(key);
  });

  it('refuses an unknown query key on the other tracking routes too, naming it', async () => {
    // Act
    const mark = await tenant.resellerApi.post('/invoices/mark-as-exported?system=bi', {
      invoices: [{ invoice_id: invoices[0], system_id: 'bi' }],
    });
    const systems = await tenant.resellerApi.get('/invoices/export/systems?resellr=x');
    const unmarked = await pull('system_id=bi');

    // Assess
    expect(mark.status).toBe(422);
    expect(mark.body.message).toBe('system');
    expect(systems.status).toBe(422);
    expect(systems.body.message).toBe('resellr');
    expect(ids(unmarked)).toContain(invoices[0]);
  });

  it('reads not_exported_since as the seed writes it, with any offset, or as a date (UTC)', async () => {
    // Prepare: the first invoice taken now; every boundary below is after the mark
    const mark = await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [{ invoice_id: invoices[0], system_id: 'resend' }],
    });
    const later = new Date(Date.now() + 2 * 3600_000);
    const seedForm = later.toISOString().slice(0, 19).replace('T', ' ');
    const plusTwo = `${new Date(later.getTime() + 2 * 3600_000).toISOString().slice(0, 19)}+02:00`;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

    // Act
    const fresh = await pull('system_id=resend');
    const answers = await Promise.all(
      [seedForm, plusTwo, tomorrow].map((since) =>
        pull(`system_id=resend&not_exported_since=${encodeURIComponent(since)}`),
      ),
    );
    const before = await pull(
      `system_id=resend&not_exported_since=${encodeURIComponent('2000-01-01 00:00:00')}`,
    );

    // Assess
    expect(mark.status).toBe(200);
    expect(ids(fresh)).not.toContain(invoices[0]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(ids(answer)).toContain(invoices[0]);
    }
    expect(ids(before)).not.toContain(invoices[0]);
  });

  it.each(['2026-02-30', '2026-11-01T25:00:00Z', 'yesterday', '1762000000'])(
    'refuses not_exported_since=%s with 422 naming it',
    async (since) => {
      // Act
      const response = await pull(`system_id=x&not_exported_since=${encodeURIComponent(since)}`);

      // Assess
      expect(response.status).toBe(422);
      expect(response.body.message).toBe('not_exported_since');
    },
  );

  const at = 'filter_groups[0][filters][0]';
  const filter = (operator: string, values: readonly string[], asList: boolean) =>
    `${at}[key]=created_at&${at}[operator]=${operator}&` +
    (asList
      ? values.map((value) => `${at}[value][]=${encodeURIComponent(value)}`).join('&')
      : `${at}[value]=${values.map(encodeURIComponent).join(',')}`);

  it.each([true, false])(
    'filters with bt and in, values as value[] keys (%s) or a comma list',
    async (asList) => {
      // Act
      const between = await pull(`system_id=filters&${filter('bt', [created[3]!, created[6]!], asList)}`);
      const among = await pull(`system_id=filters&${filter('in', [created[1]!, created[8]!], asList)}`);

      // Assess
      expect(between.status).toBe(200);
      expect(ids(between)).toEqual(invoices.slice(3, 7));
      expect(ids(among)).toEqual([invoices[1], invoices[8]]);
    },
  );

  it('reads a filter’s times in any zone as the instants they name', async () => {
    // Prepare: the 4th and 7th creation times, written at +02:00
    const plusTwo = (iso: string) =>
      `${new Date(Date.parse(iso) + 2 * 3600_000).toISOString().slice(0, 23)}+02:00`;

    // Act
    const between = await pull(
      `system_id=filters&${filter('bt', [plusTwo(created[3]!), plusTwo(created[6]!)], true)}`,
    );

    // Assess
    expect(between.status).toBe(200);
    expect(ids(between)).toEqual(invoices.slice(3, 7));
  });

  it('tests for a value with null and notnull (created_at always has one)', async () => {
    // Act
    const none = await pull(`system_id=filters&${at}[key]=created_at&${at}[operator]=null`);
    const every = await pull(`system_id=filters&${at}[key]=created_at&${at}[operator]=notnull`);

    // Assess
    expect(none.status).toBe(200);
    expect(ids(none)).toEqual([]);
    expect(ids(every)).toHaveLength(count);
  });

  it.each([
    [`${at}[key]=created_at&${at}[operator]=like&${at}[value]=x`, `${at}[operator]`],
    [`${at}[key]=created_at&${at}[operator]=bt&${at}[value]=2026-11-01`, `${at}[value]`],
    [`${at}[key]=created_at&${at}[operator]=eq&${at}[value]=a&${at}[value_to]=b`, `${at}[value_to]`],
  ])('refuses what it cannot apply (%s) with 422 naming %s', async (query, key) => {
    // Act
    const response = await pull(`system_id=filters&${query}`);

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe(key);
  });
});
