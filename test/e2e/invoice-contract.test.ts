import { beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from './support/api.ts';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { clientFor } from './support/typed-api.ts';

/**
 * POST /invoice against docs/seeds/002-create-invoice.txt, issue 12 items 2 and 3: an unknown
 * customer is answered as itself ("404 customer Customer not found"), and the created invoice is
 * answered exactly as GET /invoice/{id} reads it back.
 */
let tenant: Tenant;
let normal: { _id: string };
let license: { _id: string };
let included: { _id: string };

type Role = 'ADMIN' | 'RESELLER';
const tokenAs = (role: Role): Promise<string> =>
  role === 'ADMIN'
    ? tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' })
    : tokenFor({ role: 'RESELLER', reseller: tenant.reseller, email: 'staff@invoice-contract.example' });
const clientAs = async (role: Role) => clientFor(await tokenAs(role));

const roles: readonly Role[] = ['ADMIN', 'RESELLER'];
const unknownCustomer = '0123456789abcdef01234567';
const unknownProduct = '0123456789abcdef0123456f';

beforeAll(async () => {
  tenant = await createTenant('Invoice contract');
  normal = await createProduct({ name: 'Nummerleje', unitCost: 10, unitWholesale: 20, unitPrice: 25 });
  license = await createProduct({
    name: 'Microsoft 365',
    externalLicense: true,
    unitCost: 50,
    unitWholesale: 70,
    unitPrice: 99,
  });
  included = await createProduct({
    name: 'Voicemail',
    included: true,
    unitCost: 0,
    unitWholesale: 0,
    unitPrice: 0,
  });
});

describe('POST /invoice for a customer that does not exist', () => {
  const validLines = () => [
    { product: normal._id, units: 1 },
    { product: license._id, units: 2 },
    { product: included._id, units: 1 },
  ];

  it.each(roles)(
    'answers 404 customer alone for an unknown customer with valid products (%s)',
    async (role) => {
      // Act
      const response = await (await clientAs(role)).POST('/invoice', {
        body: { customer: unknownCustomer, lines: validLines() },
      });

      // Assess: the seed's answer, and no product called missing that exists
      expect(response.response.status).toBe(404);
      expect(response.error).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
    },
  );

  it.each(
    roles.flatMap((role) => [
      [role, 'not-an-id'],
      [role, 12345],
    ]),
  )('answers 404 customer alone for a malformed customer id (%s, %s)', async (role, customer) => {
    // Act: untyped on purpose, a customer id that is no id (and a number)
    const response = await call('POST', '/invoice', {
      token: await tokenAs(role as Role),
      body: { customer, lines: validLines() },
    });

    // Assess
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
  });

  it.each(roles)(
    'still reports a product that is itself unknown, with the customer, in one 422 multiple (%s)',
    async (role) => {
      // Act
      const response = await (await clientAs(role)).POST('/invoice', {
        body: {
          customer: unknownCustomer,
          lines: [
            { product: normal._id, units: 1 },
            { product: unknownProduct, units: 1 },
          ],
        },
      });

      // Assess: every problem at once, as for any request; the valid line is not one of them
      expect(response.response.status).toBe(422);
      expect(response.error).toEqual({
        status: 422,
        message: 'multiple',
        description: '2 problems were found in the request',
        errors: [
          { status: 404, message: 'customer', description: 'Customer not found' },
          { status: 404, message: 'lines[1].product', description: 'Product not found' },
        ],
      });
    },
  );
});

describe('POST /invoice answers the invoice as GET /invoice/{id} reads it', () => {
  const body = () => ({
    customer: tenant.customer,
    headline: 'Ordre 123',
    lines: [
      { product: normal._id, units: 2, description: 'Nummer 70305050' },
      { product: license._id, units: 3 },
      { product: included._id, units: 1 },
    ],
  });

  it.each(roles)('201 body deep-equals GET /invoice/{id} without options (%s)', async (role) => {
    // Prepare
    const api = await clientAs(role);

    // Act
    const created = await api.POST('/invoice', { body: body() });
    const read = await api.GET('/invoice/{id}', { params: { path: { id: created.data!._id } } });

    // Assess
    expect(created.response.status).toBe(201);
    expect(read.response.status).toBe(200);
    expect(created.data).toEqual(read.data);
    // The free included product is hidden, as GET hides it; the licence is its own document.
    expect(created.data!.lines.map((line) => line.product)).toEqual([normal._id]);
    expect(created.data!.subTotal).toBe(50);
  });

  it.each(roles)('a retry with the same Idempotency-Key answers the same body (%s)', async (role) => {
    // Prepare
    const api = await clientAs(role);
    const headers = { 'idempotency-key': `contract-${role}-${Date.now()}` };

    // Act
    const created = await api.POST('/invoice', { body: body(), headers });
    const retry = await api.POST('/invoice', { body: body(), headers });
    const read = await api.GET('/invoice/{id}', { params: { path: { id: created.data!._id } } });

    // Assess
    expect(created.response.status).toBe(201);
    expect(retry.response.status).toBe(201);
    expect(retry.data).toEqual(read.data);
    expect(created.data).toEqual(read.data);
  });
});
