import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateResponse } from '../../src/economic/schemas.ts';
import {
  defaultEconomicAgreement,
  type EconomicSimulator,
  type EconomicSimulatorOptions,
  startEconomicSimulator,
} from '../../src/economic/simulator.ts';
import { ManualClock } from '../../src/kit/clock.ts';
import { type Answer, call, failure } from './http.ts';

/**
 * The e-conomic simulator over HTTP, each test against its own instance on a free port, with a
 * manual clock (no test sleeps).
 */
const tokens = {
  'X-AppSecretToken': defaultEconomicAgreement.appSecretToken,
  'X-AgreementGrantToken': defaultEconomicAgreement.agreementGrantToken,
};

let sim: EconomicSimulator;
let clock: ManualClock;

const start = async (options: Partial<EconomicSimulatorOptions> = {}) => {
  await sim?.stop();
  clock = new ManualClock('2026-06-01T08:00:00Z');
  sim = await startEconomicSimulator({ port: 0, clock, ...options });
  sim.control.preload({
    customers: [
      {
        customerNumber: 1001,
        name: 'Kunde A/S',
        address: 'Vejen 1',
        zip: '8000',
        city: 'Aarhus C',
        country: 'Danmark',
      },
      {
        customerNumber: 1002,
        name: 'Hansen (Holding) ApS',
        customerGroup: 1,
        layout: 19,
        email: 'a@hansen.dk',
      },
      { customerNumber: 1003, name: 'Spærret ApS', barred: true },
    ],
    products: [
      { productNumber: 'MOB-ABON', name: 'Mobilabonnement', salesPrice: 99, costPrice: 40, unit: 1 },
      { productNumber: 'DATA 5/GB', name: 'Data 5 GB', salesPrice: 49.95 },
      { productNumber: 'OLD', name: 'Udgået', barred: true },
    ],
  });
};

const get = (path: string, headers: Record<string, string> = tokens) =>
  call(`${sim.url}${path}`, 'GET', { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`${sim.url}${path}`, 'POST', { body, headers: { ...tokens, ...headers } });
const del = (path: string, headers: Record<string, string> = {}) =>
  call(`${sim.url}${path}`, 'DELETE', { headers: { ...tokens, ...headers } });

const draft = (reference: string, extra: Record<string, unknown> = {}) => ({
  date: '2026-05-31',
  currency: 'DKK',
  customer: { customerNumber: 1001 },
  paymentTerms: { paymentTermsNumber: 1 },
  layout: { layoutNumber: 19 },
  recipient: { name: 'Kunde A/S', vatZone: { vatZoneNumber: 1 } },
  notes: { heading: 'Faktura 2026-05' },
  references: { other: reference },
  lines: [
    {
      product: { productNumber: 'MOB-ABON' },
      description: 'Mobilabonnement 01.05–31.05',
      quantity: 3,
      unitNetPrice: 306.92,
      accrual: { startDate: '2026-05-01', endDate: '2026-05-31' },
    },
  ],
  ...extra,
});

/** The legacy error body's fixed parts. */
const legacy = (status: number, extra: Record<string, unknown> = {}) => ({
  message: expect.any(String),
  developerHint: expect.any(String),
  logId: expect.stringMatching(/^[0-9a-f]{16}-CPH$/),
  httpStatusCode: status,
  logTime: '2026-06-01T08:00:00',
  ...extra,
});

const rateHeaders = (answer: Answer) => ({
  cost: answer.headers.get('x-callcost'),
  limit: answer.headers.get('x-ratelimiting'),
});

beforeEach(async () => {
  await start();
});

afterEach(async () => {
  await sim.stop();
});

describe('authentication', () => {
  it('refuses a request without tokens: 401 with the legacy body and the rate-limit headers', async () => {
    // Act
    const answer = await get('/customers', {});

    // Assess
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(legacy(401));
    expect(rateHeaders(answer)).toEqual({ cost: '0', limit: 'token-limit-10000-per-60-seconds: 0/10000' });
  });

  it('refuses an unknown grant, and names E02250 when the app secret is not the grant’s', async () => {
    // Act
    const unknown = await get('/self', { ...tokens, 'X-AgreementGrantToken': 'nope' });
    const mismatch = await get('/self', { ...tokens, 'X-AppSecretToken': 'other-app' });

    // Assess
    expect(unknown.status).toBe(401);
    expect(unknown.json.errorCode).toBeUndefined();
    expect(mismatch.status).toBe(401);
    expect(mismatch.json).toEqual(
      legacy(401, { errorCode: 'E02250', message: 'AppSecretToken does not correspond to the token.' }),
    );
  });

  it('answers 401 to a revoked grant', async () => {
    // Prepare
    await start({ agreements: [{ ...defaultEconomicAgreement, revoked: true }] });

    // Act
    const answer = await get('/self');

    // Assess
    expect(answer.status).toBe(401);
    expect(answer.json.message).toMatch(/revoked/);
  });

  it('lets demo/demo read and refuses its writes with 403', async () => {
    // Prepare
    const demo = { 'X-AppSecretToken': 'demo', 'X-AgreementGrantToken': 'demo' };

    // Act
    const read = await get('/self', demo);
    const write = await call(`${sim.url}/orders/drafts`, 'POST', { body: draft('X'), headers: demo });

    // Assess
    expect(read.status).toBe(200);
    expect(read.json.agreementNumber).toBe(1);
    expect(write.status).toBe(403);
    expect(write.json).toEqual(legacy(403));
  });

  it('answers GET /self in the shape of self.get.schema.json', async () => {
    // Act
    const answer = await get('/self');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      agreementNumber: 1_000_001,
      company: { name: 'Simuleret Forhandler ApS' },
      settings: { baseCurrency: 'DKK' },
      self: `${sim.url}/self`,
    });
    expect(validateResponse('self.get', answer.json)).toEqual([]);
  });
});

describe('reading master data', () => {
  it('answers every read endpoint in the shape of its e-conomic schema', async () => {
    // Prepare
    const created = await post('/orders/drafts', draft('EXPORT-1'));
    const number = created.json.orderNumber as number;
    const reads: [string, Parameters<typeof validateResponse>[0]][] = [
      ['/customers', 'customers.get'],
      ['/customers/1001', 'customers.customerNumber.get'],
      ['/customers/1003', 'customers.customerNumber.get'],
      ['/customer-groups', 'customer-groups.get'],
      ['/customer-groups/1', 'customer-groups.customerGroupNumber.get'],
      ['/layouts', 'layouts.get'],
      ['/layouts/19', 'layouts.layoutNumber.get'],
      ['/products', 'products.get'],
      ['/products/MOB-ABON', 'products.productNumber.get'],
      ['/payment-terms', 'payment-terms.get'],
      ['/payment-terms/1', 'payment-terms.paymentTermsNumber.get'],
      ['/vat-zones', 'vat-zones.get'],
      ['/vat-zones/1', 'vat-zones.vatZoneNumber.get'],
      ['/orders/drafts', 'orders.drafts.get'],
      [`/orders/drafts/${number}`, 'orders.drafts.orderNumber.get'],
      ['/self', 'self.get'],
    ];

    // Act
    const answers = await Promise.all(reads.map(([path]) => get(path)));

    // Assess
    for (const [index, [path, schema]] of reads.entries()) {
      expect({
        path,
        status: answers[index]?.status,
        problems: validateResponse(schema, answers[index]?.json),
      }).toEqual({
        path,
        status: 200,
        problems: [],
      });
    }
    expect(validateResponse('orders.drafts.post', { ...draft('X') })).toEqual([]);
  });

  it('reads a customer with self links, leaving out false booleans', async () => {
    // Act
    const answer = await get('/customers/1001');
    const barred = await get('/customers/1003');

    // Assess
    expect(answer.json).toMatchObject({
      customerNumber: 1001,
      name: 'Kunde A/S',
      currency: 'DKK',
      address: 'Vejen 1',
      customerGroup: { customerGroupNumber: 1, self: `${sim.url}/customer-groups/1` },
      paymentTerms: { paymentTermsNumber: 1, self: `${sim.url}/payment-terms/1` },
      vatZone: { vatZoneNumber: 1, self: `${sim.url}/vat-zones/1` },
      self: `${sim.url}/customers/1001`,
    });
    expect('barred' in answer.json).toBe(false);
    expect(barred.json.barred).toBe(true);
  });

  it('answers 404 with E06000 for a resource that does not exist', async () => {
    // Act
    const answers = await Promise.all(
      ['/customers/9', '/customers/abc', '/products/NOPE', '/layouts/5'].map((p) => get(p)),
    );

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual(legacy(404, { errorCode: 'E06000' }));
    }
  });

  it('reads a product by its number, URL-encoded or in the custom encoding', async () => {
    // Act
    const encoded = await get('/products/DATA%205%2FGB');
    const custom = await get('/products/DATA_9_5_6_GB');

    // Assess
    expect(encoded.json.productNumber).toBe('DATA 5/GB');
    expect(custom.json.productNumber).toBe('DATA 5/GB');
    expect(encoded.json.self).toBe(`${sim.url}/products/DATA_9_5_6_GB`);
  });

  it('pages with skippages and pagesize, 20 by default, with links to the first, next and last page', async () => {
    // Prepare
    sim.control.preload({
      customers: Array.from({ length: 42 }, (_, i) => ({ customerNumber: 2000 + i, name: `Kunde ${i}` })),
    });

    // Act
    const first = await get('/customers');
    const middle = await get('/customers?skippages=1&pagesize=20');
    const last = await get('/customers?skippages=2');
    const beyond = await get('/customers?skippages=9&pagesize=20');

    // Assess
    expect(first.json.collection).toHaveLength(20);
    expect(first.json.pagination).toEqual({
      maxPageSizeAllowed: 1000,
      skipPages: 0,
      pageSize: 20,
      results: 45,
      resultsWithoutFilter: 45,
      firstPage: `${sim.url}/customers?skippages=0&pagesize=20`,
      nextPage: `${sim.url}/customers?skippages=1&pagesize=20`,
      lastPage: `${sim.url}/customers?skippages=2&pagesize=20`,
    });
    expect(first.json.self).toBe(`${sim.url}/customers?skippages=0&pagesize=20`);
    expect(middle.json.collection[0].customerNumber).toBe(2017);
    expect(middle.json.pagination.previousPage).toBe(`${sim.url}/customers?skippages=0&pagesize=20`);
    expect(last.json.collection).toHaveLength(5);
    expect(last.json.pagination.nextPage).toBeUndefined();
    expect(beyond.status).toBe(200);
    expect(beyond.json.collection).toEqual([]);
  });

  it('refuses a page size outside 1..1000 with E04810', async () => {
    // Act
    const tooBig = await get('/customers?pagesize=1001');
    const zero = await get('/customers?pagesize=0');
    const max = await get('/customers?pagesize=1000');

    // Assess
    expect(tooBig.status).toBe(400);
    expect(tooBig.json).toEqual(
      legacy(400, { errorCode: 'E04810', errors: ['Page size 1001 is not allowed.'] }),
    );
    expect(zero.json.errorCode).toBe('E04810');
    expect(max.status).toBe(200);
  });

  it('filters on filterable properties, with the escaping rules, and counts results with and without the filter', async () => {
    // Act
    const byName = await get(`/customers?filter=${encodeURIComponent('name$eq:hansen $(holding$) aps')}`);
    const byGroup = await get(
      `/customers?filter=${encodeURIComponent('customerGroup.customerGroupNumber$eq:1$and:barred$eq:true')}`,
    );
    const products = await get(
      `/products?filter=${encodeURIComponent('barred$eq:false$and:name$like:mobil')}`,
    );

    // Assess
    expect(byName.json.collection.map((c: { customerNumber: number }) => c.customerNumber)).toEqual([1002]);
    expect(byName.json.pagination).toMatchObject({ results: 1, resultsWithoutFilter: 3 });
    expect(byName.json.pagination.firstPage).toBe(
      `${sim.url}/customers?skippages=0&pagesize=20&filter=${encodeURIComponent('name$eq:hansen $(holding$) aps')}`,
    );
    expect(byGroup.json.collection.map((c: { customerNumber: number }) => c.customerNumber)).toEqual([1003]);
    expect(products.json.collection.map((p: { productNumber: string }) => p.productNumber)).toEqual([
      'MOB-ABON',
    ]);
  });

  it('answers customerNumber$in: with the customers named, counted against all, and still refuses 201 values', async () => {
    // Act
    const named = await get(`/customers?filter=${encodeURIComponent('customerNumber$in:[1003, 1001,99]')}`);
    const tooMany = await get(
      `/customers?filter=${encodeURIComponent(`customerNumber$in:[${Array.from({ length: 201 }, (_, i) => i + 1).join(',')}]`)}`,
    );

    // Assess
    expect(named.json.collection.map((c: { customerNumber: number }) => c.customerNumber)).toEqual([
      1001, 1003,
    ]);
    expect(named.json.pagination).toMatchObject({ results: 2, resultsWithoutFilter: 3 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.errors).toEqual(['$in: takes at most 200 values.']);
  });

  it('refuses a filter on a property that is not filterable, listing allowedFilteringFields', async () => {
    // Act
    const answer = await get('/customers?filter=bogusProp$eq:1');
    const broken = await get(`/customers?filter=${encodeURIComponent('name$eq:a$b')}`);

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(
      legacy(400, {
        message: 'Could not parse query string filter.',
        developerHint: "Filtering on collections can be done using the querystring parameter 'filter'.",
        errors: ["Filtering is not allowed on property 'bogusProp'."],
        allowedFilteringFields: expect.arrayContaining([
          'customerNumber',
          'name',
          'customerGroup.customerGroupNumber',
          'pNumber',
        ]),
      }),
    );
    expect(broken.status).toBe(400);
    expect(broken.json.allowedFilteringFields).toBeUndefined();
  });

  it('sorts on sortable properties only', async () => {
    // Act
    const sorted = await get('/customers?sort=-name');
    const refused = await get('/customers?sort=barred');

    // Assess
    expect(sorted.json.collection.map((c: { customerNumber: number }) => c.customerNumber)).toEqual([
      1003, 1001, 1002,
    ]);
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual(["Sorting is not allowed on property 'barred'."]);
  });
});

describe('POST /orders/drafts', () => {
  it('creates the draft: 201, Location, the order number, lines numbered, amounts computed exactly', async () => {
    // Act
    const answer = await post('/orders/drafts', draft('EXPORT-1'));

    // Assess
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe(`${sim.url}/orders/drafts/1`);
    expect(answer.json).toMatchObject({
      orderNumber: 1,
      date: '2026-05-31',
      currency: 'DKK',
      exchangeRate: 100,
      netAmount: 920.76,
      vatAmount: 230.19,
      grossAmount: 1150.95,
      dueDate: '2026-06-08',
      customer: { customerNumber: 1001, self: `${sim.url}/customers/1001` },
      layout: { layoutNumber: 19, self: `${sim.url}/layouts/19` },
      references: { other: 'EXPORT-1' },
      notes: { heading: 'Faktura 2026-05' },
      lastUpdated: '2026-06-01T08:00:00Z',
      soap: { orderHandle: { id: 1 } },
      self: `${sim.url}/orders/drafts/1`,
      lines: [
        {
          lineNumber: 1,
          sortKey: 1,
          description: 'Mobilabonnement 01.05–31.05',
          accrual: { startDate: '2026-05-01', endDate: '2026-05-31' },
          product: { productNumber: 'MOB-ABON', self: `${sim.url}/products/MOB-ABON` },
          unit: { unitNumber: 1, name: 'stk.', self: `${sim.url}/units/1` },
          quantity: 3,
          unitNetPrice: 306.92,
          totalNetAmount: 920.76,
        },
      ],
    });
  });

  it('shows the draft with its lines on GET /orders/drafts/{n}, and without lines in the collection', async () => {
    // Prepare
    const created = await post('/orders/drafts', draft('EXPORT-1'));

    // Act
    const one = await get('/orders/drafts/1');
    const all = await get('/orders/drafts');

    // Assess
    expect(one.json).toEqual(created.json);
    expect(all.json.collection).toHaveLength(1);
    expect(all.json.collection[0].lines).toBeUndefined();
    expect(all.json.collection[0].references).toEqual({ other: 'EXPORT-1' });
  });

  it('finds a draft by references.other, and crashes (500) on a paymentTerms filter as the real API does', async () => {
    // Prepare
    await post('/orders/drafts', draft('EXPORT-1'));
    await post('/orders/drafts', draft('EXPORT-2 (retry)'));

    // Act
    const found = await get(
      `/orders/drafts?filter=${encodeURIComponent('references.other$eq:EXPORT-2 $(retry$)')}`,
    );
    const none = await get(`/orders/drafts?filter=${encodeURIComponent('references.other$eq:EXPORT-3')}`);
    const crash = await get(
      `/orders/drafts?filter=${encodeURIComponent('paymentTerms.paymentTermsNumber$eq:1')}`,
    );

    // Assess
    expect(found.json.collection.map((o: { orderNumber: number }) => o.orderNumber)).toEqual([2]);
    expect(none.json.collection).toEqual([]);
    expect(crash.status).toBe(500);
  });

  it('refuses an invalid draft with 400 and annotated errors, field by field, creating nothing', async () => {
    // Act
    const answer = await post(
      '/orders/drafts',
      draft('EXPORT-1', {
        currency: null,
        customer: { customerNumber: 4242 },
        lines: [
          { product: { productNumber: 'MOB-ABON' }, description: 'x', quantity: 1, unitNetPrice: 10.12345 },
          { product: {}, description: 'y', quantity: 1 },
          { product: { productNumber: 'MOB-ABON' }, description: 'z', lineNumber: 0 },
        ],
      }),
    );
    const after = await get('/orders/drafts');

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(
      legacy(400, {
        message: 'Validation error.',
        developerHint: 'Inspect validation errors and correct your request.',
        errors: {
          currency: {
            errors: [
              {
                message: 'Invalid type. Expected String but got Null.',
                value: null,
                developerHint: 'To null a property, leave it out of the request.',
              },
            ],
          },
          customer: {
            errors: [
              {
                errorCode: 'E06000',
                message: 'customer does not exist.',
                value: 4242,
                developerHint: `Find a list of resources at ${sim.url}/customers.`,
              },
            ],
          },
          lines: [
            {
              arrayIndex: 0,
              unitNetPrice: {
                errors: [
                  {
                    errorCode: 'E04740',
                    message: 'unitNetPrice scale cannot be greater then two decimal places.',
                    value: 10.12345,
                    developerHint: 'Please check the format of your data.',
                  },
                ],
              },
            },
            {
              arrayIndex: 1,
              product: {
                errors: [
                  {
                    errorCode: 'E04500',
                    message:
                      'No identifiers present on product. Please include either a self link or a productNumber.',
                    developerHint: `Find a list of resources at ${sim.url}/products.`,
                  },
                ],
              },
            },
            {
              arrayIndex: 2,
              lineNumber: {
                errors: [
                  {
                    message: 'Integer 0 is less than minimum value of 1.',
                    value: 0,
                    developerHint: 'Please check your request data.',
                  },
                ],
              },
              quantity: {
                errors: [
                  {
                    errorCode: 'E04730',
                    message: 'Property quantity must have a value when product is set.',
                    developerHint: 'Please check your request data.',
                  },
                ],
              },
            },
          ],
        },
      }),
    );
    expect(after.json.collection).toEqual([]);
  });

  it('refuses a barred customer and a barred product', async () => {
    // Act
    const customer = await post('/orders/drafts', draft('A', { customer: { customerNumber: 1003 } }));
    const product = await post(
      '/orders/drafts',
      draft('B', { lines: [{ product: { productNumber: 'OLD' }, description: 'x', quantity: 1 }] }),
    );

    // Assess
    expect(customer.status).toBe(400);
    expect(customer.json.errors).toEqual({
      customer: { errors: [expect.objectContaining({ message: 'Customer 1003 is barred.' })] },
    });
    expect(product.json.errors.lines[0].product.errors[0].message).toBe(
      'Product OLD is barred and can no longer be sold.',
    );
  });

  it('answers 415 to a body that is not JSON, and 400 to JSON it cannot parse', async () => {
    // Act
    const text = await call(`${sim.url}/orders/drafts`, 'POST', {
      body: JSON.stringify(draft('A')),
      headers: { ...tokens, 'Content-Type': 'text/plain' },
    });
    const broken = await call(`${sim.url}/orders/drafts`, 'POST', { body: '{"date":', headers: tokens });

    // Assess
    expect(text.status).toBe(415);
    expect(text.json).toEqual(legacy(415));
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual(legacy(400, { message: 'Could not parse the request body as JSON.' }));
  });

  it('answers 404 to an unknown path, 405 with Allow to a wrong method, 501 to PUT', async () => {
    // Act
    const unknown = await get('/orders/nothing');
    const wrong = await call(`${sim.url}/customers/1001`, 'DELETE', { headers: tokens });
    const put = await call(`${sim.url}/orders/drafts/1`, 'PUT', { body: draft('A'), headers: tokens });

    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(legacy(404));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(put.status).toBe(501);
  });
});

describe('idempotency', () => {
  it('replays a POST with the same Idempotency-Key: the same number, X-ResultFromCache, one draft', async () => {
    // Act
    const first = await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'export-1' });
    const again = await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'export-1' });
    const all = await get('/orders/drafts');

    // Assess
    expect(first.status).toBe(201);
    expect(first.headers.get('x-resultfromcache')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get('x-resultfromcache')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.json).toEqual(first.json);
    expect(all.json.pagination.results).toBe(1);
  });

  it('replays a reused key with a different body by default, and answers 409 under onMismatch: conflict', async () => {
    // Prepare
    await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k' });

    // Act
    const replayed = await post('/orders/drafts', draft('EXPORT-2'), { 'Idempotency-Key': 'k' });
    sim.control.configure({ idempotency: { onMismatch: 'conflict' } });
    const conflict = await post('/orders/drafts', draft('EXPORT-2'), { 'Idempotency-Key': 'k' });

    // Assess
    expect(replayed.headers.get('x-resultfromcache')).toBe('true');
    expect(replayed.json.references.other).toBe('EXPORT-1');
    expect(conflict.status).toBe(409);
    expect(conflict.json).toEqual(legacy(409));
  });

  it('keeps a key for one hour', async () => {
    // Prepare
    await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k' });

    // Act
    clock.advance(60 * 60 * 1000);
    const after = await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k' });

    // Assess
    expect(after.headers.get('x-resultfromcache')).toBeNull();
    expect(after.json.orderNumber).toBe(2);
  });

  it('keeps keys per agreement', async () => {
    // Prepare
    const second = {
      appSecretToken: defaultEconomicAgreement.appSecretToken,
      agreementGrantToken: 'grant-2',
      agreementNumber: 2_000_002,
      companyName: 'Anden ApS',
    };
    await start({ agreements: [defaultEconomicAgreement, second] });
    sim.control.preload({
      agreementGrantToken: 'grant-2',
      customers: [{ customerNumber: 1001, name: 'Kunde A/S' }],
      products: [{ productNumber: 'MOB-ABON', name: 'Mobilabonnement' }],
    });

    // Act
    await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k' });
    const other = await post('/orders/drafts', draft('EXPORT-1'), {
      'Idempotency-Key': 'k',
      'X-AgreementGrantToken': 'grant-2',
    });

    // Assess
    expect(other.status).toBe(201);
    expect(other.headers.get('x-resultfromcache')).toBeNull();
  });
});

describe('DELETE /orders/drafts/{n}', () => {
  it('deletes with 204; a second delete without a key is 404 E06000', async () => {
    // Prepare
    await post('/orders/drafts', draft('EXPORT-1'));

    // Act
    const deleted = await del('/orders/drafts/1');
    const again = await del('/orders/drafts/1');

    // Assess
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(again.status).toBe(404);
    expect(again.json).toEqual(legacy(404, { errorCode: 'E06000' }));
  });

  it('replays the 204 with X-ResultFromCache to a repeated delete with the same Idempotency-Key', async () => {
    // Prepare
    await post('/orders/drafts', draft('EXPORT-1'));

    // Act
    const deleted = await del('/orders/drafts/1', { 'Idempotency-Key': 'del-1' });
    const again = await del('/orders/drafts/1', { 'Idempotency-Key': 'del-1' });

    // Assess
    expect(deleted.status).toBe(204);
    expect(again.status).toBe(204);
    expect(again.headers.get('x-resultfromcache')).toBe('true');
  });

  it('reuses the number of a deleted last draft: the next draft gets it', async () => {
    // Prepare
    await post('/orders/drafts', draft('EXPORT-1'));
    const mine = await post('/orders/drafts', draft('EXPORT-2'));

    // Act
    await del(`/orders/drafts/${mine.json.orderNumber}`);
    const someoneElses = await post('/orders/drafts', draft('SOMEONE-ELSE'));
    const read = await get(`/orders/drafts/${mine.json.orderNumber}`);

    // Assess
    expect(someoneElses.json.orderNumber).toBe(mine.json.orderNumber);
    expect(read.json.references.other).toBe('SOMEONE-ELSE');
  });

  it('answers 200 with a status body when configured so (as draft invoices do)', async () => {
    // Prepare
    await post('/orders/drafts', draft('EXPORT-1'));
    sim.control.configure({ deleteStatus: 200 });

    // Act
    const deleted = await del('/orders/drafts/1');

    // Assess
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({
      message: 'Deleted 1 entities.',
      deletedCount: 1,
      deletedItems: [{ orderNumber: 1, self: `${sim.url}/orders/drafts/1` }],
    });
  });
});

describe('rate limiting', () => {
  it('reports X-CallCost and X-RateLimiting on every response, a 400 included', async () => {
    // Act
    const ok = await get('/customers');
    const bad = await get('/customers?pagesize=1001');

    // Assess
    expect(rateHeaders(ok)).toEqual({ cost: '1', limit: 'token-limit-10000-per-60-seconds: 1/10000' });
    expect(rateHeaders(bad)).toEqual({ cost: '1', limit: 'token-limit-10000-per-60-seconds: 2/10000' });
  });

  it('refuses a burst beyond the capacity with 429 and Retry-After, and lets calls through again as tokens refill', async () => {
    // Prepare
    sim.control.configure({
      rateLimit: { capacity: 3, refillPerSecond: 0.5 },
      callCosts: { 'POST /orders/drafts': 2 },
    });

    // Act
    const created = await post('/orders/drafts', draft('A'));
    const read = await get('/customers');
    const refused = await get('/customers');
    clock.advance(1_000);
    const stillRefused = await get('/customers');
    clock.advance(1_000);
    const allowed = await get('/customers');

    // Assess
    expect(rateHeaders(created)).toEqual({ cost: '2', limit: 'token-limit-3-per-6-seconds: 2/3' });
    expect(rateHeaders(read)).toEqual({ cost: '1', limit: 'token-limit-3-per-6-seconds: 3/3' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.json).toEqual(legacy(429, { message: 'Too many requests.' }));
    expect(rateHeaders(refused)).toEqual({ cost: '0', limit: 'token-limit-3-per-6-seconds: 3/3' });
    expect(stillRefused.headers.get('retry-after')).toBe('1');
    expect(allowed.status).toBe(200);
  });

  it('keeps one bucket per agreement, and none when rate limiting is off', async () => {
    // Prepare
    sim.control.configure({ rateLimit: { capacity: 1, refillPerSecond: 1 } });
    await get('/self');
    const demo = { 'X-AppSecretToken': 'demo', 'X-AgreementGrantToken': 'demo' };

    // Act
    const otherAgreement = await get('/self', demo);
    const sameAgreement = await get('/self');
    sim.control.configure({ rateLimit: null });
    const unlimited = await get('/self');

    // Assess
    expect(otherAgreement.status).toBe(200);
    expect(sameAgreement.status).toBe(429);
    expect(unlimited.status).toBe(200);
    expect(rateHeaders(unlimited)).toEqual({ cost: '1', limit: null });
  });
});

describe('latency', () => {
  it('waits the configured time plus jitter before answering', async () => {
    // Prepare
    const slept: number[] = [];
    await start({
      sleep: async (ms) => void slept.push(ms),
      random: () => 0.5,
      latency: { fixedMs: 200, jitterMs: 100 },
    });

    // Act
    await get('/self');
    sim.control.configure({ latency: null });
    await get('/self');

    // Assess
    expect(slept).toEqual([250]);
  });

  it('really delays the answer', async () => {
    // Prepare
    await start({ latency: { fixedMs: 120 } });

    // Act
    const started = performance.now();
    await get('/self');
    const elapsed = performance.now() - started;

    // Assess
    expect(elapsed).toBeGreaterThanOrEqual(110);
  });
});

describe('fault injection', () => {
  it('fails the nth create with the chosen status, creating nothing', async () => {
    // Prepare
    sim.control.configure({
      faults: {
        creates: [
          { action: 'fail', nth: 2, status: 503 },
          { action: 'fail', nth: 3, status: 400 },
        ],
      },
    });

    // Act
    const statuses = [];
    for (const reference of ['A', 'B', 'C', 'D'])
      statuses.push((await post('/orders/drafts', draft(reference))).status);
    const all = await get('/orders/drafts');

    // Assess
    expect(statuses).toEqual([201, 503, 400, 201]);
    expect(all.json.collection.map((o: { references: { other: string } }) => o.references.other)).toEqual([
      'A',
      'D',
    ]);
  });

  it('fails every create for one customer', async () => {
    // Prepare
    sim.control.configure({ faults: { creates: [{ action: 'fail', customer: '1002', status: 400 }] } });

    // Act
    const other = await post('/orders/drafts', draft('A'));
    const failed = await post('/orders/drafts', draft('B', { customer: { customerNumber: 1002 } }));
    const failedAgain = await post('/orders/drafts', draft('C', { customer: { customerNumber: 1002 } }));

    // Assess
    expect([other.status, failed.status, failedAgain.status]).toEqual([201, 400, 400]);
    expect(failed.json).toEqual(legacy(400, { message: 'Validation error.' }));
  });

  it('drops the connection after creating: the draft exists, and a retry with the key replays it', async () => {
    // Prepare
    sim.control.configure({ faults: { creates: [{ action: 'drop-after', nth: 1 }] } });

    // Act
    const dropped = await failure(post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k1' }));
    const found = await get(`/orders/drafts?filter=${encodeURIComponent('references.other$eq:EXPORT-1')}`);
    const retried = await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k1' });

    // Assess
    expect(dropped).toBeInstanceOf(TypeError);
    expect(found.json.collection.map((o: { orderNumber: number }) => o.orderNumber)).toEqual([1]);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('x-resultfromcache')).toBe('true');
    expect(retried.json.orderNumber).toBe(1);
    expect(sim.control.requests({ method: 'POST' }).map((r) => [r.status, r.outcome])).toEqual([
      [undefined, 'dropped'],
      [201, 'answered'],
    ]);
  });

  it('drops the connection before creating: nothing exists', async () => {
    // Prepare
    sim.control.configure({ faults: { creates: [{ action: 'drop-before' }] } });

    // Act
    const dropped = await failure(post('/orders/drafts', draft('EXPORT-1')));
    const all = await get('/orders/drafts');

    // Assess
    expect(dropped).toBeInstanceOf(TypeError);
    expect(all.json.collection).toEqual([]);
  });

  it('does not replay a call dropped before it created anything: its retry with the same key creates', async () => {
    // Prepare
    sim.control.configure({ faults: { creates: [{ action: 'drop-before', nth: 1 }] } });

    // Act
    const dropped = await failure(post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k-1' }));
    const retried = await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k-1' });

    // Assess
    expect(dropped).toBeInstanceOf(TypeError);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('x-resultfromcache')).toBeNull();
  });

  it('hangs a create: under way in the request log until its hold is over, then dropped, nothing created', async () => {
    // Prepare: the hold waits on the real clock (the tests' clock would skip it)
    await start({ sleep: (ms) => new Promise((resume) => setTimeout(resume, ms)) });
    sim.control.configure({ faults: { creates: [{ action: 'hang', holdMs: 300 }] } });

    // Act
    const hanging = failure(post('/orders/drafts', draft('EXPORT-1')));
    await new Promise((settle) => setTimeout(settle, 100));
    const whileHanging = sim.control
      .requests()
      .filter((request) => request.method === 'POST')
      .map((request) => request.outcome);
    const dropped = await hanging;
    const all = await get('/orders/drafts');

    // Assess
    expect(whileHanging).toEqual([undefined]);
    expect(dropped).toBeInstanceOf(TypeError);
    expect(sim.control.requests().find((request) => request.method === 'POST')?.outcome).toBe('dropped');
    expect(all.json.collection).toEqual([]);
  });

  it('answers the next K requests with 503, then recovers; faults can be reset', async () => {
    // Prepare
    sim.control.configure({ faults: { serverErrorBurst: { count: 2 }, creates: [{ action: 'fail' }] } });

    // Act
    const first = await get('/customers');
    const second = await post('/orders/drafts', draft('A'));
    const third = await get('/customers');
    const resetAnswer = await call(`${sim.url}/__sim/faults`, 'DELETE');
    const created = await post('/orders/drafts', draft('B'));

    // Assess
    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.json).toEqual(legacy(503));
    expect(rateHeaders(first).cost).toBe('0');
    expect(resetAnswer.status).toBe(204);
    expect(created.status).toBe(201);
  });
});

describe('the control API over HTTP', () => {
  it('preloads, configures, lists the requests received, and resets', async () => {
    // Act
    const preloaded = await call(`${sim.url}/__sim/preload`, 'POST', {
      body: { customers: [{ customerNumber: 5000, name: 'Via HTTP' }] },
    });
    const refused = await call(`${sim.url}/__sim/preload`, 'POST', {
      body: { customers: [{ customerNumber: 5001, name: 'Ingen gruppe', customerGroup: 77 }] },
    });
    const configured = await call(`${sim.url}/__sim/config`, 'PUT', {
      body: { rateLimit: { capacity: 50, refillPerSecond: 5 } },
    });
    const badConfig = await call(`${sim.url}/__sim/config`, 'PUT', { body: { rateLimit: { capacity: -1 } } });
    await post('/orders/drafts', draft('EXPORT-1'), { 'Idempotency-Key': 'k1' });
    await get('/customers/5000');
    const requests = await call(`${sim.url}/__sim/requests?method=POST`, 'GET');
    const config = await call(`${sim.url}/__sim/config`, 'GET');
    const reset = await call(`${sim.url}/__sim/reset`, 'POST');
    const afterReset = await get('/customers/5000');
    const log = await call(`${sim.url}/__sim/requests`, 'GET');

    // Assess
    expect(preloaded.status).toBe(204);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatch(/customer 5001: customer group 77 does not exist/);
    expect(configured.status).toBe(204);
    expect(badConfig.status).toBe(400);
    expect(requests.json.requests).toEqual([
      expect.objectContaining({
        seq: 1,
        method: 'POST',
        path: '/orders/drafts',
        headers: expect.objectContaining({
          'idempotency-key': 'k1',
          'content-type': 'application/json',
          'x-agreementgranttoken': defaultEconomicAgreement.agreementGrantToken,
        }),
        body: draft('EXPORT-1'),
        status: 201,
        outcome: 'answered',
      }),
    ]);
    expect(config.json.rateLimit).toEqual({ capacity: 50, refillPerSecond: 5 });
    expect(reset.status).toBe(204);
    expect(afterReset.status).toBe(404);
    expect(log.json.requests.map((r: { path: string }) => r.path)).toEqual(['/customers/5000']);
  });
});

describe('payment terms', () => {
  it('serves /payment-terms in pages like its other collections, customers carrying any of them', async () => {
    // Prepare: 25 more terms, every type, and a customer on dueDate terms
    const types = ['net', 'invoiceMonth', 'paidInCash', 'prepaid', 'dueDate', 'factoring'] as const;
    sim.control.preload({
      paymentTerms: Array.from({ length: 25 }, (_, i) => ({
        paymentTermsNumber: 100 + i,
        name: `Betingelse ${i}`,
        paymentTermsType: types[i % types.length]!,
        daysOfCredit: i,
      })),
      customers: [{ customerNumber: 1004, name: 'Forfald ApS', paymentTerms: 4 }],
    });

    // Act
    const first = await get('/payment-terms');
    const second = await get('/payment-terms?skippages=1&pagesize=20');
    const one = await get('/payment-terms/4');
    const customer = await get('/customers/1004');

    // Assess: the agreement's 4 and the 25 preloaded, 20 a page by default
    expect(first.json.collection).toHaveLength(20);
    expect(first.json.pagination).toMatchObject({
      results: 29,
      nextPage: `${sim.url}/payment-terms?skippages=1&pagesize=20`,
    });
    expect(second.json.collection).toHaveLength(9);
    expect(second.json.pagination.nextPage).toBeUndefined();
    expect(validateResponse('payment-terms.get', first.json)).toEqual([]);
    expect(one.json).toMatchObject({
      paymentTermsNumber: 4,
      name: 'Forfaldsdato',
      paymentTermsType: 'dueDate',
    });
    expect(customer.json.paymentTerms).toEqual({ paymentTermsNumber: 4, self: `${sim.url}/payment-terms/4` });
  });

  it('refuses a draft under dueDate terms without a due date (E04042) or with one before its date (E04760): 400, the legacy body, nothing created', async () => {
    // Act
    const missing = await post('/orders/drafts', draft('DUE-1', { paymentTerms: { paymentTermsNumber: 4 } }));
    const early = await post(
      '/orders/drafts',
      draft('DUE-2', { paymentTerms: { paymentTermsNumber: 4 }, dueDate: '2026-05-30' }),
    );
    const fine = await post(
      '/orders/drafts',
      draft('DUE-3', { paymentTerms: { paymentTermsNumber: 4 }, dueDate: '2026-06-14' }),
    );
    const drafts = await get('/orders/drafts');

    // Assess
    const refusal = (error: Record<string, unknown>) =>
      legacy(400, {
        message: 'Validation error.',
        developerHint: 'Inspect validation errors and correct your request.',
        errors: { dueDate: { errors: [expect.objectContaining(error)] } },
      });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual(refusal({ errorCode: 'E04042' }));
    expect(early.status).toBe(400);
    expect(early.json).toEqual(refusal({ errorCode: 'E04760', value: '2026-05-30' }));
    expect(fine.status).toBe(201);
    expect(drafts.json.collection.map((d: { references: { other: string } }) => d.references.other)).toEqual([
      'DUE-3',
    ]);
  });
});

describe('VAT and booking', () => {
  const action = (name: string, body: unknown) => call(`${sim.url}/__sim/actions/${name}`, 'POST', { body });

  it('decides VAT per line by product group and zone: a product in the VAT-free group carries none', async () => {
    // Prepare
    sim.control.preload({ products: [{ productNumber: 'GEBYR', name: 'Gebyr', productGroup: 2 }] });
    const fee = { product: { productNumber: 'GEBYR' }, description: 'Gebyr', quantity: 1, unitNetPrice: 350 };

    // Act
    const created = await post('/orders/drafts', draft('FK-vat', { lines: [...draft('x').lines, fee] }));
    const groupTwo = await get('/product-groups/2/sales-accounts');
    const rates = await get('/vat-accounts');

    // Assess: 25 % of 920.76 only
    expect(created.json).toMatchObject({ netAmount: 1270.76, vatAmount: 230.19, grossAmount: 1500.95 });
    expect(
      groupTwo.json.collection.map((entry: any) => [
        entry.vatZone.vatZoneNumber,
        entry.salesAccount.vatAccount?.vatCode ?? null,
      ]),
    ).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
    ]);
    expect(rates.json.collection).toEqual([expect.objectContaining({ vatCode: 'U25', ratePercentage: 25 })]);
  });

  it('books a draft as the bookkeeper does: the draft is gone, the booked invoice keeps its amounts and our reference', async () => {
    // Prepare
    const created = await post('/orders/drafts', draft('FK-e1-a'));
    const orderNumber = created.json.orderNumber;

    // Act
    const booked = await action('book', { orderNumber });
    const again = await action('book', { orderNumber });
    const asDraft = await get(`/orders/drafts/${orderNumber}`);
    const found = await get(`/invoices/booked?filter=${encodeURIComponent('references.other$eq:FK-e1-a')}`);

    // Assess
    expect(booked.status).toBe(200);
    expect(booked.json).toMatchObject({
      bookedInvoiceNumber: 1,
      orderNumber,
      netAmount: 920.76,
      vatAmount: 230.19,
      grossAmount: 1150.95,
      remainder: 1150.95,
      references: { other: 'FK-e1-a' },
    });
    expect(again.status).toBe(404);
    expect(asDraft.status).toBe(404);
    expect(found.json.collection.map((invoice: any) => invoice.bookedInvoiceNumber)).toEqual([1]);
  });

  it('books with a number given when it is free, refuses one taken, and lists paid and unpaid apart', async () => {
    // Prepare
    const first = await post('/orders/drafts', draft('FK-e1-b'));
    const second = await post('/orders/drafts', draft('FK-e1-c'));
    await action('book', { orderNumber: first.json.orderNumber, bookWithNumber: 5001 });

    // Act
    const taken = await action('book', { orderNumber: second.json.orderNumber, bookWithNumber: 5001 });
    await action('book', { orderNumber: second.json.orderNumber });
    const partly = await action('pay', { bookedInvoiceNumber: 5001, amount: 150.95 });
    const paid = await action('pay', { bookedInvoiceNumber: 5002 });
    const lists = await Promise.all(['/invoices/paid', '/invoices/unpaid'].map((path) => get(path)));

    // Assess
    expect(taken.status).toBe(400);
    expect(partly.json.remainder).toBe(1000);
    expect(paid.json.remainder).toBe(0);
    expect(
      lists.map((list) => list.json.collection.map((invoice: any) => invoice.bookedInvoiceNumber)),
    ).toEqual([[5002], [5001]]);
  });

  it('deletes a draft by hand, which then answers 404', async () => {
    // Prepare
    const created = await post('/orders/drafts', draft('FK-e1-d'));

    // Act
    const deleted = await action('delete-draft', { orderNumber: created.json.orderNumber });
    const missing = await action('delete-draft', { orderNumber: created.json.orderNumber });

    // Assess
    expect(deleted.status).toBe(200);
    expect(missing.status).toBe(404);
    expect((await get(`/orders/drafts/${created.json.orderNumber}`)).status).toBe(404);
  });
});
