import { beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from './support/api.ts';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { clientFor } from './support/typed-api.ts';

/**
 * `Idempotency-Key` on the creating routes that take it (POST /invoice, POST /invoice/current):
 * a retry gets the first answer back whatever happened since, the key does not care in which order
 * a body's fields come, another body under the same key is refused, and concurrent duplicates make
 * one object.
 */
let tenant: Tenant;
let product: { _id: string };
let sequence = 0;

const resellerToken = () =>
  tokenFor({ role: 'RESELLER', reseller: tenant.reseller, email: 'staff@idempotency.example' });
const uniqueKey = (label: string) => `${label}-${Date.now()}-${++sequence}`;

const putOneOff = async (units = 1) => {
  const item = await tenant.resellerClient.POST('/invoice/current', {
    body: { customer: tenant.customer, product: product._id, units },
  });
  if (!item.data) throw new Error(`current item: ${item.response.status} ${JSON.stringify(item.error)}`);
  return item.data._id;
};

const currentItems = async () =>
  (await tenant.resellerClient.GET('/invoice/current', { params: { query: { customer: tenant.customer } } }))
    .data!.currentInvoices;

const currentItemIds = async (): Promise<string[]> => (await currentItems()).map((item) => item._id);

const invoiceIds = async (): Promise<string[]> => {
  const list = await tenant.resellerClient.GET('/invoice', {
    params: { query: { customer: tenant.customer, limit: 500 } },
  });
  return list.data!.invoices.map((invoice) => invoice._id);
};

beforeAll(async () => {
  tenant = await createTenant('Idempotency');
  product = await createProduct({ name: 'Support', unitPrice: 125, unitWholesale: 100, unitCost: 50 });
});

describe('POST /invoice with Idempotency-Key', () => {
  it('answers a retry with the first invoice after the first attempt billed its current items', async () => {
    // Prepare
    const item = await putOneOff();
    const body = { customer: tenant.customer, headline: 'Support', currentInvoices: [item] };
    const headers = { 'idempotency-key': uniqueKey('billed') };
    const token = await resellerToken();
    const first = await clientFor(token).POST('/invoice', { body, headers });

    // Act
    const retry = await clientFor(token).POST('/invoice', { body, headers });

    // Assess
    expect(first.response.status).toBe(201);
    expect(retry.response.status).toBe(201);
    expect(retry.data).toEqual(first.data);
  });

  it('replays to ADMIN too, finding the tenant through the customer', async () => {
    // Prepare
    const item = await putOneOff(2);
    const body = { customer: tenant.customer, currentInvoices: [item] };
    const headers = { 'idempotency-key': uniqueKey('admin') };
    const token = await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' });
    const first = await clientFor(token).POST('/invoice', { body, headers });

    // Act
    const retry = await clientFor(token).POST('/invoice', { body, headers });

    // Assess
    expect(first.response.status).toBe(201);
    expect(retry.response.status).toBe(201);
    expect(retry.data).toEqual(first.data);
  });

  it('replays a body whose fields come in another order', async () => {
    // Prepare
    const headers = { 'idempotency-key': uniqueKey('order') };
    const token = await resellerToken();
    const first = await clientFor(token).POST('/invoice', {
      headers,
      body: {
        customer: tenant.customer,
        headline: 'Order',
        lines: [{ product: product._id, units: 3, unitPrice: 99.5, description: 'Hours' }],
      },
    });

    // Act
    // Untyped on purpose: the same fields in another order and spacing, as raw JSON.
    const reordered = await call('POST', '/invoice', {
      token,
      headers,
      rawBody: `{ "lines": [ {"description":"Hours","unitPrice":99.5,"units":3,"product":"${product._id}"} ],\n  "headline": "Order", "customer": "${tenant.customer}" }`,
    });

    // Assess
    expect(first.response.status).toBe(201);
    expect(reordered.status).toBe(201);
    expect(reordered.body).toEqual(first.data);
  });

  it('refuses the same key with another body, also when the first one billed the items', async () => {
    // Prepare
    const item = await putOneOff();
    const headers = { 'idempotency-key': uniqueKey('reuse') };
    const token = await resellerToken();
    const first = await clientFor(token).POST('/invoice', {
      headers,
      body: { customer: tenant.customer, currentInvoices: [item] },
    });

    // Act
    const other = await clientFor(token).POST('/invoice', {
      headers,
      body: { customer: tenant.customer, headline: 'other', currentInvoices: [item] },
    });

    // Assess
    expect(first.response.status).toBe(201);
    expect(other.response.status).toBe(422);
    expect(other.error).toEqual({
      status: 422,
      message: 'Idempotency-Key',
      description: 'Idempotency-Key was already used for another request',
    });
  });

  it('makes one invoice from concurrent duplicates and answers each with it', async () => {
    // Prepare
    const item = await putOneOff(4);
    const headers = { 'idempotency-key': uniqueKey('concurrent') };
    const token = await resellerToken();
    const body = { customer: tenant.customer, currentInvoices: [item] };
    const before = await invoiceIds();

    // Act
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () => clientFor(token).POST('/invoice', { body, headers })),
    );

    // Assess
    expect(attempts.map((attempt) => attempt.response.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(attempts.map((attempt) => attempt.data!._id));
    expect(ids.size).toBe(1);
    const made = (await invoiceIds()).filter((id) => !before.includes(id));
    expect(made).toEqual([...ids]);
  });

  it('refuses a malformed key', async () => {
    // Act
    const response = await clientFor(await resellerToken()).POST('/invoice', {
      headers: { 'idempotency-key': 'with space' },
      body: { customer: tenant.customer, lines: [{ product: product._id, units: 1 }] },
    });

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error).toEqual({
      status: 422,
      message: 'Idempotency-Key',
      description: 'Idempotency-Key must be 1-255 visible ASCII characters',
    });
  });
});

describe('POST /invoice/current with Idempotency-Key', () => {
  it('answers a retry with the first item and puts no second one on the invoice', async () => {
    // Prepare
    const headers = { 'idempotency-key': uniqueKey('item') };
    const token = await resellerToken();
    const body = { customer: tenant.customer, product: product._id, units: 7, description: 'Retry' };
    const first = await clientFor(token).POST('/invoice/current', { body, headers });

    // Act
    const retry = await clientFor(token).POST('/invoice/current', { body, headers });

    // Assess
    expect(first.response.status).toBe(201);
    expect(retry.response.status).toBe(201);
    expect(retry.data).toEqual(first.data);
    expect((await currentItemIds()).filter((id) => id === first.data!._id)).toHaveLength(1);
    expect((await currentItems()).filter((item) => item.description === 'Retry')).toHaveLength(1);
  });

  it('answers the first item again after it was billed, instead of putting it on again', async () => {
    // Prepare
    const headers = { 'idempotency-key': uniqueKey('billed-item') };
    const token = await resellerToken();
    const body = { customer: tenant.customer, product: product._id, units: 1, description: 'Billed once' };
    const first = await clientFor(token).POST('/invoice/current', { body, headers });
    const invoice = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, currentInvoices: [first.data!._id] },
    });

    // Act
    const retry = await clientFor(token).POST('/invoice/current', { body, headers });

    // Assess
    expect(invoice.response.status).toBe(201);
    expect(retry.response.status).toBe(201);
    expect(retry.data).toEqual(first.data);
    expect((await currentItems()).filter((item) => item.description === 'Billed once')).toEqual([]);
  });

  it('replays a reordered body and refuses another body under the same key', async () => {
    // Prepare
    const headers = { 'idempotency-key': uniqueKey('item-order') };
    const token = await resellerToken();
    const first = await clientFor(token).POST('/invoice/current', {
      headers,
      body: { customer: tenant.customer, product: product._id, units: 2, recurrence: 'MONTHLY' },
    });

    // Act
    const reordered = await clientFor(token).POST('/invoice/current', {
      headers,
      body: { recurrence: 'MONTHLY', units: 2, product: product._id, customer: tenant.customer },
    });
    const other = await clientFor(token).POST('/invoice/current', {
      headers,
      body: { customer: tenant.customer, product: product._id, units: 3, recurrence: 'MONTHLY' },
    });

    // Assess
    expect(first.response.status).toBe(201);
    expect(reordered.response.status).toBe(201);
    expect(reordered.data).toEqual(first.data);
    expect(other.response.status).toBe(422);
    expect(other.error?.message).toBe('Idempotency-Key');
  });

  it('puts one item on for concurrent duplicates', async () => {
    // Prepare
    const headers = { 'idempotency-key': uniqueKey('item-concurrent') };
    const token = await resellerToken();
    const body = { customer: tenant.customer, product: product._id, units: 1, description: 'Concurrent' };

    // Act
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () => clientFor(token).POST('/invoice/current', { body, headers })),
    );

    // Assess
    expect(attempts.map((attempt) => attempt.response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(attempts.map((attempt) => attempt.data!._id)).size).toBe(1);
    expect((await currentItems()).filter((item) => item.description === 'Concurrent')).toHaveLength(1);
  });

  it('keeps ADMIN’s and the reseller’s keys apart: the same key from another caller is another request', async () => {
    // Prepare
    const headers = { 'idempotency-key': uniqueKey('callers') };
    const body = { customer: tenant.customer, product: product._id, units: 1 };
    const first = await clientFor(await resellerToken()).POST('/invoice/current', { body, headers });

    // Act
    const byAdmin = await clientFor(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' })).POST(
      '/invoice/current',
      { body, headers },
    );

    // Assess
    expect(first.response.status).toBe(201);
    expect(byAdmin.response.status).toBe(422);
    expect(byAdmin.error?.message).toBe('Idempotency-Key');
  });
});

// Untyped on purpose: the same checks for each creating route, the route a parameter of the table.
describe.each([
  {
    route: '/customer',
    caller: 'RESELLER',
    body: (n: number) => ({ name: `Kunde ${n}`, email: `kunde${n}@example.dk` }),
  },
  {
    route: '/product',
    caller: 'ADMIN',
    body: (n: number) => ({
      productCode: `IDEM${n}`.slice(0, 25),
      name: `Produkt ${n}`,
      unitType: 'UNITS',
      unitCost: 1,
      unitWholesale: 2,
      unitPrice: 3,
      kind: 'one-off',
    }),
  },
  {
    route: '/reseller',
    caller: 'ADMIN',
    body: (n: number) => ({ name: `Forhandler ${n}`, email: `forhandler${n}@example.dk` }),
  },
])('POST $route with Idempotency-Key', ({ route, caller, body }) => {
  const token = () =>
    caller === 'ADMIN' ? tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' }) : resellerToken();
  const fresh = () => body(Date.now() * 100 + ++sequence);

  it('answers a retry, also of a reordered body, with the first object, and refuses another body', async () => {
    // Prepare
    const headers = { 'idempotency-key': uniqueKey(route) };
    const request = fresh();
    const first = await call('POST', route, { token: await token(), body: request, headers });

    // Act
    const again = await call('POST', route, { token: await token(), headers, body: request });
    const reordered = await call('POST', route, {
      token: await token(),
      headers,
      body: Object.fromEntries(Object.entries(request).reverse()),
    });
    const other = await call('POST', route, { token: await token(), headers, body: fresh() });

    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(reordered.body).toEqual(first.body);
    expect(other.status).toBe(422);
    expect(other.body.message).toBe('Idempotency-Key');
  });

  it('creates one object for concurrent duplicates', async () => {
    // Prepare
    const headers = { 'idempotency-key': uniqueKey(`${route}-concurrent`) };
    const request = fresh();
    const bearer = await token();

    // Act
    const attempts = await Promise.all(
      Array.from({ length: 4 }, () => call('POST', route, { token: bearer, body: request, headers })),
    );

    // Assess: each attempt that wrote would answer its own new id
    expect(attempts.map((attempt) => attempt.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(attempts.map((attempt) => attempt.body._id)).size).toBe(1);
  });
});
