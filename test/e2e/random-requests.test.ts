import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from './support/api.ts';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * Whatever a client sends, the answer is a clear 4xx (or a success), never a 500: bodies of any
 * shape, near-valid bodies with one field wrong, and query strings of any content.
 *
 * Sent untyped on purpose (they are generated outside the reference); every answer is still held to
 * it (support/api.ts).
 */
let tenant: Tenant;
let product: string;
let resellerToken: string;
let adminToken: string;

const idLike = fc.oneof(
  fc.constantFrom('0123456789abcdef01234567'),
  fc.stringMatching(/^[0-9a-f]{24}$/),
  fc.string(),
);
const anyValue = fc.oneof(fc.anything(), fc.double(), fc.string(), idLike, fc.constant(null), fc.integer());
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const nearInvoice = () =>
  fc.record(
    {
      customer: fc.oneof(fc.constant(tenant.customer), idLike, anyValue),
      invoiceDate: maybe(
        fc.oneof(
          fc.constantFrom('2031-01-01', '2031-02-30', '2031-01-01T00:00:00+0100', ''),
          fc.string(),
          anyValue,
        ),
      ),
      dueDate: maybe(fc.oneof(fc.constantFrom('2031-01-14', '1999-01-01'), anyValue)),
      headline: maybe(fc.oneof(fc.string({ maxLength: 300 }), anyValue)),
      invoiceNumber: maybe(fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), anyValue)),
      lines: maybe(
        fc.oneof(
          fc.array(
            fc.record(
              {
                product: fc.oneof(fc.constant(product), idLike, anyValue),
                units: fc.oneof(fc.double({ noNaN: false }), fc.integer(), anyValue),
                unitPrice: maybe(fc.oneof(fc.double(), anyValue)),
                unitCost: maybe(fc.oneof(fc.double(), anyValue)),
                description: maybe(fc.oneof(fc.string({ maxLength: 1200 }), anyValue)),
                from: maybe(anyValue),
                to: maybe(anyValue),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 5 },
          ),
          anyValue,
        ),
      ),
      currentInvoices: maybe(fc.oneof(fc.array(idLike, { maxLength: 3 }), anyValue)),
    },
    { requiredKeys: [] },
  );

const send = async (method: string, path: string, token: string, body: unknown) => {
  const rawBody = body === undefined ? undefined : (JSON.stringify(body) ?? 'undefined');
  return call(method, path, { token, rawBody });
};

describe('random requests', () => {
  beforeAll(async () => {
    tenant = await createTenant('Random');
    product = (await createProduct())._id;
    resellerToken = await tokenFor({ role: 'RESELLER', reseller: tenant.reseller });
    adminToken = await tokenFor({ role: 'ADMIN' });
  });

  const neverFails = (status: number) => {
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
  };

  it('POST /invoice answers near-valid and arbitrary bodies without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nearInvoice(), anyValue),
        fc.constantFrom('reseller', 'admin'),
        async (body, who) => {
          neverFails(
            (await send('POST', '/invoice', who === 'admin' ? adminToken : resellerToken, body)).status,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each([
    ['POST', '/customer'],
    ['POST', '/product'],
    ['POST', '/invoice/current'],
    ['POST', '/reseller'],
  ])('%s %s answers arbitrary bodies without a 500', async (method, path) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyValue,
          fc.dictionary(
            fc.constantFrom(
              'name',
              'email',
              'customer',
              'product',
              'units',
              'unitPrice',
              'reseller',
              'finance',
              'recurrence',
            ),
            anyValue,
          ),
        ),
        async (body) => {
          neverFails((await send(method, path, adminToken, body)).status);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('PATCH routes answer arbitrary bodies without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('name', 'finance', 'unitPrice', 'barred', 'productCode', 'address'),
          anyValue,
        ),
        async (body) => {
          neverFails((await send('PATCH', `/customer/${tenant.customer}`, resellerToken, body)).status);
          neverFails((await send('PATCH', `/product/${product}`, adminToken, body)).status);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('GET routes answer arbitrary query strings and ids without a 500', async () => {
    const query = fc.dictionary(
      fc.constantFrom(
        'format',
        'lang',
        'groupInvoiceLines',
        'onlyUsage',
        'limit',
        'offset',
        'cursor',
        'customer',
        'fromDate',
        'toDate',
        'reseller',
      ),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(query, fc.oneof(idLike, fc.string()), async (parameters, id) => {
        const search = new URLSearchParams(parameters).toString();
        const path = encodeURIComponent(id) || 'x';
        for (const url of [
          `/invoice/${path}?${search}`,
          `/invoice?${search}`,
          `/customer?${search}`,
          `/reseller?${search}`,
          `/product?${search}`,
          `/invoice/current?${search}`,
        ]) {
          neverFails((await call('GET', url, { token: resellerToken })).status);
        }
      }),
      { numRuns: 40 },
    );
  });
});
