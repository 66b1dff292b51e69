import { describe, expect, it } from 'vitest';
import type { DraftOrder } from '#app/ports/accounting';
import { createEconomicAdapter, type EconomicAdapterOptions } from '../../../src/economic/adapter.ts';
import type { EconomicDraftBody } from '../../../src/economic/draft-body.ts';
import { fakeFetch, type Reply, recordingSleep, reply, type SentRequest } from '../helpers.ts';

const BASE = 'https://restapi.example.test';

const headers = {
  'X-AppSecretToken': 'app-secret',
  'X-AgreementGrantToken': 'grant',
  'Content-Type': 'application/json',
  Accept: 'application/json',
};

const adapter = (
  script: Reply[] | ((request: SentRequest) => Reply),
  overrides: Partial<EconomicAdapterOptions> = {},
) => {
  const server = fakeFetch(script);
  const economic = createEconomicAdapter({
    baseUrl: BASE,
    appSecretToken: 'app-secret',
    agreementGrantToken: 'grant',
    fetch: server.fetch,
    sleep: recordingSleep().sleep,
    random: () => 0.5,
    ...overrides,
  });
  return { economic, server };
};

const page = (collection: unknown[], nextPage?: string) => ({
  collection,
  pagination: { pageSize: 1000, results: collection.length, ...(nextPage ? { nextPage } : {}) },
});

const customer = (n: number, extra: Record<string, unknown> = {}) => ({
  customerNumber: n,
  name: `Customer ${n}`,
  currency: 'DKK',
  customerGroup: { customerGroupNumber: 1 },
  paymentTerms: { paymentTermsNumber: 2 },
  vatZone: { vatZoneNumber: 1 },
  self: `${BASE}/customers/${n}`,
  ...extra,
});

const order: DraftOrder = {
  reference: 'FK-65f000000000000000000001-54a978806d30733986cfa817',
  customerNumber: '1001',
  date: '2026-10-31',
  dueDate: '2026-11-08',
  heading: 'Faktura 1234 (01-10-2026 – 31-10-2026)',
  currency: 'DKK',
  lines: [
    {
      productNumber: 'NUM01',
      description: 'Nummerleje (01-10-2026 – 31-10-2026)',
      quantity: 5,
      unitNetPrice: 25,
      vatExempt: false,
    },
    {
      productNumber: 'FORBRUG1',
      description: 'Samtaler, 412,5 min. à 0,0123',
      quantity: 1,
      unitNetPrice: 5.07,
      vatExempt: false,
    },
  ],
  // 125.00 + 5.07, with 25 % VAT: what a Domestic customer's draft carries.
  totals: { net: 130.07, vat: 32.52, gross: 162.59 },
};

/** The agreement's payment terms (payment-terms.get): one that derives its due date, and `dueDate` terms. */
const paymentTerms = [
  { paymentTermsNumber: 1, name: 'Netto 8 dage', paymentTermsType: 'net', daysOfCredit: 8 },
  {
    paymentTermsNumber: 2,
    name: 'Løbende måned 30 dage',
    paymentTermsType: 'invoiceMonth',
    daysOfCredit: 30,
  },
  { paymentTermsNumber: 4, name: 'Forfaldsdato', paymentTermsType: 'dueDate' },
];

/** The amounts e-conomic answers a draft with: the order's lines (125.00 + 5.07) at 25 %. */
const draftAmounts = { netAmount: 130.07, vatAmount: 32.52, grossAmount: 162.59 };

/** The same amounts as the adapter answers them. */
const answeredTotals = { net: 130.07, vat: 32.52, gross: 162.59 };

/** An entry of GET /product-groups/{n}/sales-accounts: the zone's sales account and its VAT code, if any. */
const salesAccount = (zone: number, accountNumber: number, vatCode?: string) => ({
  salesAccount: {
    accountNumber,
    name: `Salg ${accountNumber}`,
    ...(vatCode ? { vatAccount: { vatCode, self: `${BASE}/vat-accounts/${vatCode}` } } : {}),
    self: `${BASE}/accounts/${accountNumber}`,
  },
  vatZone: { vatZoneNumber: zone, self: `${BASE}/vat-zones/${zone}` },
});

/** A tiny e-conomic with master data: one layout per situation the resolution must handle. */
const masterDataServer =
  (customers: unknown[]) =>
  (request: SentRequest): Reply => {
    const url = new URL(request.url);
    const skip = Number(url.searchParams.get('skippages'));
    const size = Number(url.searchParams.get('pagesize'));
    const paged = (all: unknown[]) => {
      const slice = all.slice(skip * size, (skip + 1) * size);
      const more = (skip + 1) * size < all.length;
      return reply(200, {
        collection: slice,
        pagination: {
          skipPages: skip,
          pageSize: size,
          results: all.length,
          ...(more ? { nextPage: `${BASE}${url.pathname}?skippages=${skip + 1}&pagesize=${size}` } : {}),
        },
      });
    };
    switch (url.pathname) {
      case '/customers':
        return paged(customers);
      case '/customer-groups':
        return paged([
          { customerGroupNumber: 1, name: 'Erhverv', layout: { layoutNumber: 20 } },
          { customerGroupNumber: 2, name: 'Privat', layout: { layoutNumber: 21, deleted: true } },
          { customerGroupNumber: 3, name: 'Ingen' },
          { customerGroupNumber: 4, name: 'Slettet', layout: { layoutNumber: 22 } },
        ]);
      case '/layouts':
        return paged([
          { layoutNumber: 19, name: 'Egen' },
          { layoutNumber: 20, name: 'Erhverv' },
          { layoutNumber: 21, name: 'Gammel', deleted: true },
          { layoutNumber: 22, name: 'Også slettet', deleted: true },
          { layoutNumber: 23, name: 'Slettet kunde-layout', deleted: true },
          { layoutNumber: 99, name: 'Standard' },
        ]);
      case '/products':
        return paged([
          {
            productNumber: 'NUM01',
            name: 'Nummerleje',
            barred: false,
            productGroup: { productGroupNumber: 1 },
          },
          { productNumber: 'OLD', name: 'Udgået', barred: true, productGroup: { productGroupNumber: 1 } },
          { productNumber: 'GEBYR', name: 'Gebyr', productGroup: { productGroupNumber: 2 } },
        ]);
      case '/payment-terms':
        return paged(paymentTerms);
      case '/vat-accounts':
        return paged([
          { vatCode: 'U25', name: 'Salgsmoms', ratePercentage: 25 },
          { vatCode: 'UEUV', name: 'EU-salg', ratePercentage: 0 },
        ]);
      // Group 1: 25 % at home, the EU code abroad, zone 3 a VAT code the agreement does not list;
      // group 2: sales accounts without a VAT code (VAT-free), none for zone 3.
      case '/product-groups/1/sales-accounts':
        return paged([
          salesAccount(1, 1010, 'U25'),
          salesAccount(2, 1020, 'UEUV'),
          salesAccount(3, 1030, 'GONE'),
        ]);
      case '/product-groups/2/sales-accounts':
        return paged([salesAccount(1, 1040), salesAccount(2, 1040)]);
      default:
        throw new Error(`unexpected ${url.pathname}`);
    }
  };

describe('e-conomic adapter: verifyCredentials', () => {
  it('calls GET /self with both tokens', async () => {
    // Prepare
    const { economic, server } = adapter([reply(200, { agreementNumber: 1 })]);

    // Act
    await economic.verifyCredentials();

    // Assess
    expect(server.sent).toEqual([{ method: 'GET', url: `${BASE}/self`, headers, body: undefined }]);
  });

  it.each([401, 403])('throws AccountingAuthFailed on %i', async (status) => {
    const { economic } = adapter([reply(status, { message: 'Unauthorized', errorCode: 'E02250' })]);

    await expect(economic.verifyCredentials()).rejects.toMatchObject({ name: 'AccountingAuthFailed' });
  });

  it.each([
    [
      401,
      { message: 'AppSecretToken does not correspond to the token.', errorCode: 'E02250' },
      'appSecretToken',
      'not-accepted',
    ],
    [401, { message: 'The AgreementGrantToken is not valid.' }, 'agreementGrantToken', 'not-accepted'],
    [401, { message: 'The agreement has revoked the grant.' }, 'agreementGrantToken', 'not-accepted'],
    [403, { message: 'You are not allowed to access this resource.' }, 'agreementGrantToken', 'no-rights'],
  ])('says which token a %i %j refused', async (status, body, field, reason) => {
    // Prepare
    const { economic } = adapter([reply(status, body)]);

    // Act
    const refused = economic.verifyCredentials();

    // Assess
    await expect(refused).rejects.toMatchObject({
      name: 'AccountingAuthFailed',
      failed: { fields: [field], reason },
    });
  });
});

describe('e-conomic adapter: loadMasterData', () => {
  it('reads 2,500 customers in 3 pages of 1,000, not one call each', async () => {
    // Prepare
    const customers = Array.from({ length: 2500 }, (_, i) => customer(i + 1));
    const { economic, server } = adapter(masterDataServer(customers));

    // Act
    const data = await economic.loadMasterData();

    // Assess
    expect(data.customers.size).toBe(2500);
    const customerCalls = server.sent
      .filter((r) => new URL(r.url).pathname === '/customers')
      .map((r) => r.url);
    expect(customerCalls).toEqual([
      `${BASE}/customers?skippages=0&pagesize=1000`,
      `${BASE}/customers?skippages=1&pagesize=1000`,
      `${BASE}/customers?skippages=2&pagesize=1000`,
    ]);
    // 3 pages of customers, one each of groups, layouts, products, payment terms and VAT accounts,
    // and the sales accounts of each of the 2 product groups the products use
    expect(economic.calls.snapshot()).toEqual({ loadMasterData: 10 });
  });

  it('reads the pages after the first four at once, once the first has told how many there are', async () => {
    // Prepare: 9,500 customers (10 pages); each answer waits a tick, so calls overlap when sent together
    const server = fakeFetch(masterDataServer(Array.from({ length: 9500 }, (_, i) => customer(i + 1))));
    let inFlight = 0;
    let mostInFlight = 0;
    const { economic } = adapter([], {
      fetch: async (input, init) => {
        const isCustomers = new URL(input).pathname === '/customers';
        if (isCustomers) inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((tick) => setTimeout(tick, 1));
        const answer = await server.fetch(input, init);
        if (isCustomers) inFlight -= 1;
        return answer;
      },
    });

    // Act
    const data = await economic.loadMasterData();

    // Assess: every customer, in page order; four customer pages in flight at once, never more
    expect([...data.customers.keys()]).toEqual(Array.from({ length: 9500 }, (_, i) => String(i + 1)));
    const customerPages = server.sent
      .filter((r) => new URL(r.url).pathname === '/customers')
      .map((r) => Number(new URL(r.url).searchParams.get('skippages')));
    expect(customerPages.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mostInFlight).toBe(4);
  });

  it('sends no page after one has failed: the pages under way finish, the queued ones are not sent', async () => {
    // Prepare: 9,500 customers (10 pages); page 1 is refused for good
    const masterData = masterDataServer(Array.from({ length: 9500 }, (_, i) => customer(i + 1)));
    const { economic, server } = adapter((request) => {
      const url = new URL(request.url);
      return url.pathname === '/customers' && url.searchParams.get('skippages') === '1'
        ? reply(400, { message: 'Validation error.', errorCode: 'E00000' })
        : masterData(request);
    });

    // Act
    const read = economic.loadMasterData();

    // Assess: pages 1 to 4 went at once; 5 to 9 never did
    await expect(read).rejects.toMatchObject({ name: 'AccountingRejected' });
    const customerPages = server.sent
      .filter((r) => new URL(r.url).pathname === '/customers')
      .map((r) => Number(new URL(r.url).searchParams.get('skippages')));
    expect(customerPages.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads page after page while the answers give no count, until one has no next page', async () => {
    // Prepare: pages without `results`
    const pages = [
      page([customer(1)], `${BASE}/customers?skippages=1&pagesize=1000`),
      page([customer(2)]),
    ].map((body) => ({ ...body, pagination: { pageSize: 1000, nextPage: body.pagination.nextPage } }));
    const server = masterDataServer([]);
    const { economic } = adapter((request) => {
      const url = new URL(request.url);
      if (url.pathname !== '/customers') return server(request);
      return reply(200, pages[Number(url.searchParams.get('skippages'))]);
    });

    // Act
    const data = await economic.loadMasterData();

    // Assess
    expect([...data.customers.keys()]).toEqual(['1', '2']);
  });

  it('resolves each layout: customer → its group (not deleted) → the configured default → none', async () => {
    // Prepare
    const { economic } = adapter(
      masterDataServer([
        customer(1, { layout: { layoutNumber: 19 } }), // its own
        customer(2), // group 1 → 20
        customer(3, { customerGroup: { customerGroupNumber: 2 } }), // group's layout deleted → default
        customer(4, { customerGroup: { customerGroupNumber: 3 } }), // group without layout → default
        customer(5, { layout: { layoutNumber: 23 } }), // its own is deleted → group 1 → 20
        customer(6, { customerGroup: { customerGroupNumber: 4 } }), // group's layout listed as deleted → default
      ]),
      { defaultLayoutNumber: 99 },
    );

    // Act
    const data = await economic.loadMasterData();

    // Assess
    expect([...data.customers.values()].map((c) => [c.number, c.layoutNumber])).toEqual([
      ['1', 19],
      ['2', 20],
      ['3', 99],
      ['4', 99],
      ['5', 20],
      ['6', 99],
    ]);
    expect(data.defaultLayoutNumber).toBe(99);
  });

  it('lists the layouts a draft may name: those the collection lists, not the deleted ones', async () => {
    // Prepare
    const { economic } = adapter(masterDataServer([customer(1)]));

    // Act
    const data = await economic.loadMasterData();

    // Assess
    expect([...(data.layouts ?? [])].sort((a, b) => a - b)).toEqual([19, 20, 99]);
  });

  it('leaves the layout out when nothing resolves, and a deleted default is no default', async () => {
    const { economic } = adapter(
      masterDataServer([customer(3, { customerGroup: { customerGroupNumber: 2 } })]),
      {
        defaultLayoutNumber: 21,
      },
    );

    const data = await economic.loadMasterData();

    expect(data.customers.get('3')).not.toHaveProperty('layoutNumber');
    expect(data).not.toHaveProperty('defaultLayoutNumber');
  });

  it('carries what a draft needs from the customer, and the products with their barred flag', async () => {
    const { economic } = adapter(
      masterDataServer([
        customer(1001, {
          name: 'Hansen ApS',
          barred: true,
          address: 'Vestergade 1',
          zip: '8000',
          city: 'Aarhus C',
          country: 'Danmark',
          ean: '5790000000001',
          currency: 'EUR',
        }),
      ]),
    );

    const data = await economic.loadMasterData();

    expect(data.customers.get('1001')).toEqual({
      number: '1001',
      name: 'Hansen ApS',
      barred: true,
      layoutNumber: 20,
      paymentTermsNumber: 2,
      paymentTerms: { number: 2, name: 'Løbende måned 30 dage', type: 'invoiceMonth' },
      vatZoneNumber: 1,
      currency: 'EUR',
      address: 'Vestergade 1',
      zip: '8000',
      city: 'Aarhus C',
      country: 'Danmark',
      ean: '5790000000001',
    });
    // Group 1's zone 3 names a VAT code the agreement does not list: unknown, so left out.
    const groupOneRates = new Map([
      [1, 25],
      [2, 0],
    ]);
    expect([...data.products.values()]).toEqual([
      { number: 'NUM01', name: 'Nummerleje', barred: false, vatRates: groupOneRates },
      { number: 'OLD', name: 'Udgået', barred: true, vatRates: groupOneRates },
      {
        number: 'GEBYR',
        name: 'Gebyr',
        barred: false,
        vatRates: new Map([
          [1, 0],
          [2, 0],
        ]),
      },
    ]);
  });
});

/** An adapter whose master data is already loaded (customer 1001 in group 1 → layout 20). */
const loaded = async (
  customers: unknown[],
  then: Reply[],
  overrides: Partial<EconomicAdapterOptions> = {},
) => {
  const queue = [...then];
  const masterData = masterDataServer(customers);
  const { economic, server } = adapter((request) => {
    const path = new URL(request.url).pathname;
    if (
      ([
        '/customers',
        '/customer-groups',
        '/layouts',
        '/products',
        '/payment-terms',
        '/vat-accounts',
      ].includes(path) ||
        path.startsWith('/product-groups/')) &&
      request.method === 'GET'
    ) {
      return masterData(request);
    }
    const next = queue.shift();
    if (!next) throw new Error(`unexpected ${request.method} ${request.url}`);
    return next;
  }, overrides);
  await economic.loadMasterData();
  server.sent.length = 0;
  economic.calls.reset();
  return { economic, server, remaining: () => queue.length };
};

const hansen = customer(1001, {
  name: 'Hansen ApS',
  address: 'Vestergade 1',
  zip: '8000',
  city: 'Aarhus C',
  country: 'Danmark',
});

describe('e-conomic adapter: createDraft', () => {
  it('sends one POST /orders/drafts with the lines inline, the key, and exactly the documented body', async () => {
    // Prepare
    const { economic, server } = await loaded(
      [hansen],
      [reply(201, { ...draftAmounts, orderNumber: 4711, self: '…' })],
    );

    // Act
    const draft = await economic.createDraft(order, 'export-1/invoice-1', { firstAttempt: true });

    // Assess
    expect(draft).toEqual({ number: '4711', reference: order.reference, totals: answeredTotals });
    expect(server.sent).toEqual([
      {
        method: 'POST',
        url: `${BASE}/orders/drafts`,
        headers: { ...headers, 'Idempotency-Key': 'export-1/invoice-1' },
        body: {
          date: '2026-10-31',
          dueDate: '2026-11-08',
          currency: 'DKK',
          customer: { customerNumber: 1001 },
          paymentTerms: { paymentTermsNumber: 2 },
          layout: { layoutNumber: 20 },
          recipient: {
            name: 'Hansen ApS',
            address: 'Vestergade 1',
            zip: '8000',
            city: 'Aarhus C',
            country: 'Danmark',
            vatZone: { vatZoneNumber: 1 },
          },
          notes: { heading: 'Faktura 1234 (01-10-2026 – 31-10-2026)' },
          references: { other: order.reference },
          lines: [
            {
              lineNumber: 1,
              sortKey: 1,
              product: { productNumber: 'NUM01' },
              description: 'Nummerleje (01-10-2026 – 31-10-2026)',
              quantity: 5,
              unitNetPrice: 25,
            },
            {
              lineNumber: 2,
              sortKey: 2,
              product: { productNumber: 'FORBRUG1' },
              description: 'Samtaler, 412,5 min. à 0,0123',
              quantity: 1,
              unitNetPrice: 5.07,
            },
          ],
        },
      },
    ]);
    expect(economic.calls.snapshot()).toEqual({ createDraft: 1 });
  });

  it('sends a credit line as a positive quantity at a negative unit price (the schema’s minimum quantity is 0.01)', async () => {
    // Prepare
    const { economic, server } = await loaded([hansen], [reply(201, { ...draftAmounts, orderNumber: 4712 })]);
    const credit = {
      ...order,
      lines: [
        {
          productNumber: 'NUM01',
          description: 'Kreditering',
          quantity: -2,
          unitNetPrice: 25,
          vatExempt: false,
        },
        {
          productNumber: 'FORBRUG1',
          description: 'Samtaler',
          quantity: -1,
          unitNetPrice: 5.07,
          vatExempt: false,
        },
      ],
    };

    // Act
    await economic.createDraft(credit, 'k', { firstAttempt: true });

    // Assess
    expect(server.sent[0]?.body).toMatchObject({
      lines: [
        {
          lineNumber: 1,
          sortKey: 1,
          product: { productNumber: 'NUM01' },
          description: 'Kreditering',
          quantity: 2,
          unitNetPrice: -25,
        },
        {
          lineNumber: 2,
          sortKey: 2,
          product: { productNumber: 'FORBRUG1' },
          description: 'Samtaler',
          quantity: 1,
          unitNetPrice: -5.07,
        },
      ],
    });
  });

  it('uses the layout the export chose over the customer one', async () => {
    const { economic, server } = await loaded([hansen], [reply(201, { ...draftAmounts, orderNumber: 1 })]);

    await economic.createDraft({ ...order, layoutNumber: 24 }, 'k', { firstAttempt: true });

    expect(server.sent[0]?.body).toMatchObject({ layout: { layoutNumber: 24 } });
  });

  it('looks the reference up first unless told it is the first attempt, and returns what it finds', async () => {
    // Prepare
    const { economic, server } = await loaded(
      [hansen],
      [reply(200, page([{ ...draftAmounts, orderNumber: 4711, references: { other: order.reference } }]))],
    );

    // Act
    const draft = await economic.createDraft(order, 'k');

    // Assess
    expect(draft).toEqual({ number: '4711', reference: order.reference, totals: answeredTotals });
    expect(server.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE}/orders/drafts?filter=references.other%24eq%3A${order.reference}&pagesize=1000`,
    ]);
  });

  it('creates after a lookup that finds nothing', async () => {
    const { economic, server } = await loaded(
      [hansen],
      [reply(200, page([])), reply(201, { ...draftAmounts, orderNumber: 5 })],
    );

    const draft = await economic.createDraft(order, 'k');

    expect(draft.number).toBe('5');
    expect(server.sent.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('looks first on a second call with a key this process already sent, even if told first attempt', async () => {
    const { economic, server } = await loaded(
      [hansen],
      [
        reply(504),
        reply(504),
        reply(504),
        reply(504),
        reply(200, page([{ ...draftAmounts, orderNumber: 8, references: { other: order.reference } }])),
      ],
    );

    await expect(economic.createDraft(order, 'k', { firstAttempt: true })).rejects.toMatchObject({
      name: 'AccountingUnavailable',
    });
    const draft = await economic.createDraft(order, 'k', { firstAttempt: true });

    expect(draft.number).toBe('8');
    expect(server.sent.map((r) => r.method)).toEqual(['POST', 'POST', 'POST', 'POST', 'GET']);
  });

  it('retries the POST with the same Idempotency-Key, and takes the replayed answer', async () => {
    const { economic, server } = await loaded(
      [hansen],
      [reply(503), reply(201, { ...draftAmounts, orderNumber: 77 }, { 'X-ResultFromCache': 'true' })],
    );

    const draft = await economic.createDraft(order, 'key-9', { firstAttempt: true });

    expect(draft.number).toBe('77');
    expect(server.sent.map((r) => r.headers['Idempotency-Key'])).toEqual(['key-9', 'key-9']);
  });

  it('finds the draft by its reference when the answer does not carry it with its amounts', async () => {
    // Prepare: a 201 that says only where the draft is
    const { economic, server } = await loaded(
      [hansen],
      [
        reply(201, {}, { Location: `${BASE}/orders/drafts/321` }),
        reply(200, page([{ ...draftAmounts, orderNumber: 321, references: { other: order.reference } }])),
      ],
    );

    // Act
    const draft = await economic.createDraft(order, 'k', { firstAttempt: true });

    // Assess
    expect(draft).toEqual({ number: '321', reference: order.reference, totals: answeredTotals });
    expect(server.sent.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('cuts free texts to the schema limits, never in the middle of a character', async () => {
    // Prepare
    const long = (n: number) => 'x'.repeat(n);
    const { economic, server } = await loaded(
      [
        customer(1001, {
          name: `${long(249)}😀tail`,
          address: long(510),
          zip: long(30),
          city: long(50),
          country: long(60),
          ean: '57900000000012345', // longer than 13: left out, not cut
        }),
      ],
      [reply(201, { ...draftAmounts, orderNumber: 1 })],
    );

    // Act
    await economic.createDraft(
      {
        ...order,
        heading: long(300),
        lines: [
          { productNumber: 'NUM01', description: long(3000), quantity: 1, unitNetPrice: 1, vatExempt: false },
        ],
      },
      'k',
      { firstAttempt: true },
    );

    // Assess
    const body = server.sent[0]?.body as EconomicDraftBody;
    expect(body.recipient).toEqual({
      name: long(249),
      address: long(250),
      zip: long(30),
      city: long(50),
      country: long(50),
      vatZone: { vatZoneNumber: 1 },
    });
    expect(body.notes?.heading).toHaveLength(250);
    expect(body.lines[0]?.description).toHaveLength(2500);
  });

  it('never sends null: absent or null customer fields are left out', async () => {
    const { economic, server } = await loaded(
      [customer(1001, { address: null, zip: null, city: '  ', ean: null })],
      [reply(201, { ...draftAmounts, orderNumber: 1 })],
    );

    await economic.createDraft({ ...order, dueDate: undefined, heading: ' ' }, 'k', { firstAttempt: true });

    const text = JSON.stringify(server.sent[0]?.body);
    expect(text).not.toContain('null');
    expect(server.sent[0]?.body).not.toHaveProperty('notes');
    expect(server.sent[0]?.body).not.toHaveProperty('dueDate');
    const body = server.sent[0]?.body as EconomicDraftBody;
    expect(body.recipient).toEqual({
      name: 'Customer 1001',
      vatZone: { vatZoneNumber: 1 },
    });
  });

  it.each([
    ['a unit price with 3 decimals', { unitNetPrice: 0.123 }, 'lines[0].unitNetPrice'],
    ['a quantity with 3 decimals', { quantity: 412.125 }, 'lines[0].quantity'],
    ['a product number longer than 25', { productNumber: 'P'.repeat(26) }, 'lines[0].product.productNumber'],
    ['a non-finite price', { unitNetPrice: Number.NaN }, 'lines[0].unitNetPrice'],
  ])('refuses %s before sending anything', async (_, change, field) => {
    const { economic, server } = await loaded([hansen], []);

    const error = await economic
      .createDraft(
        {
          ...order,
          lines: [
            {
              productNumber: 'NUM01',
              description: 'x',
              quantity: 1,
              unitNetPrice: 1,
              ...change,
              vatExempt: false,
            },
          ],
        },
        'k',
        { firstAttempt: true },
      )
      .catch((e) => e);

    expect(error).toMatchObject({ name: 'AccountingRejected', status: 0, detail: { field } });
    expect(server.sent).toEqual([]);
  });

  it('refuses a reference it would have to cut, and a customer number e-conomic cannot have', async () => {
    const { economic, server } = await loaded([hansen], []);

    await expect(
      economic.createDraft({ ...order, reference: 'r'.repeat(251) }, 'k', { firstAttempt: true }),
    ).rejects.toMatchObject({ name: 'AccountingRejected', detail: { field: 'references.other' } });
    await expect(
      economic.createDraft({ ...order, customerNumber: 'C-12' }, 'k', { firstAttempt: true }),
    ).rejects.toMatchObject({ name: 'AccountingRejected', detail: { field: 'customer.customerNumber' } });
    expect(server.sent).toEqual([]);
  });

  it('refuses a draft for a customer without any layout, naming the customer', async () => {
    const { economic, server } = await loaded(
      [customer(1001, { customerGroup: { customerGroupNumber: 3 } })],
      [],
    );

    const error = await economic.createDraft(order, 'k', { firstAttempt: true }).catch((e) => e);

    expect(error).toMatchObject({ name: 'AccountingRejected', status: 0, detail: { field: 'layout' } });
    expect(error.message).toBe('Customer 1001 did not have a layout available: Customer 1001');
    expect(server.sent).toEqual([]);
  });

  it('reads a customer it has not loaded (and the layouts once) instead of failing', async () => {
    // Prepare
    const masterData = masterDataServer([]);
    const { economic, server } = adapter((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/customers/1001') return reply(200, hansen);
      if (request.method === 'POST') return reply(201, { ...draftAmounts, orderNumber: 3 });
      return masterData(request);
    });

    // Act
    await economic.createDraft(order, 'k1', { firstAttempt: true });
    await economic.createDraft(order, 'k2', { firstAttempt: true });

    // Assess
    expect(server.sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /customers/1001',
      'GET /layouts',
      'GET /customer-groups',
      'POST /orders/drafts',
      'POST /orders/drafts',
    ]);
    expect(server.sent[3]?.body).toMatchObject({ layout: { layoutNumber: 20 } });
  });

  it('reads a customer once for drafts made at the same time, and the layouts once', async () => {
    // Prepare
    const masterData = masterDataServer([]);
    let orderNumber = 0;
    const { economic, server } = adapter((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/customers/1001') return reply(200, hansen);
      orderNumber += 1;
      if (request.method === 'POST') return reply(201, { ...draftAmounts, orderNumber });
      return masterData(request);
    });

    // Act
    await Promise.all(
      ['k1', 'k2', 'k3'].map((key) => economic.createDraft(order, key, { firstAttempt: true })),
    );

    // Assess
    expect(server.sent.map((r) => `${r.method} ${new URL(r.url).pathname}`).sort()).toEqual([
      'GET /customer-groups',
      'GET /customers/1001',
      'GET /layouts',
      'POST /orders/drafts',
      'POST /orders/drafts',
      'POST /orders/drafts',
    ]);
  });

  it('reads the customers of drafts to come 200 to a filtered call, and their drafts read none', async () => {
    // Prepare: 250 customers to come, 1001 among them; 999 is not in e-conomic
    const masterData = masterDataServer([]);
    const numbers = [...Array.from({ length: 249 }, (_, n) => String(2000 + n)), '1001', '1001', '999'];
    const { economic, server } = adapter((request) => {
      const url = new URL(request.url);
      if (url.pathname === '/customers') {
        const asked = /customerNumber\$in:\[([\d,]+)\]/.exec(url.searchParams.get('filter') ?? '')![1]!;
        const listed = asked
          .split(',')
          .map(Number)
          .filter((n) => n !== 999);
        return reply(200, { collection: listed.map((n) => (n === 1001 ? hansen : customer(n))) });
      }
      if (request.method === 'POST') return reply(201, { ...draftAmounts, orderNumber: 3 });
      return masterData(request);
    });

    // Act
    await economic.prepareCustomers!(numbers);
    await economic.createDraft(order, 'k1', { firstAttempt: true });

    // Assess
    const sent = server.sent.map((r) => new URL(r.url));
    expect(sent.map((url) => url.pathname)).toEqual([
      '/layouts',
      '/customer-groups',
      '/customers',
      '/customers',
      '/orders/drafts',
    ]);
    const filters = sent
      .filter((url) => url.pathname === '/customers')
      .map((url) => url.searchParams.get('filter'));
    expect(filters).toEqual([
      `customerNumber$in:[${numbers.slice(0, 200).join(',')}]`,
      `customerNumber$in:[${[...numbers.slice(200, 249), '1001', '999'].join(',')}]`,
    ]);
    expect(server.sent[4]?.body).toMatchObject({
      customer: { customerNumber: 1001 },
      layout: { layoutNumber: 20 },
    });
  });

  it('reads the customers ahead beside the layouts, not after them: a round trip less before the first draft', async () => {
    // Prepare: the layouts are answered only once the customers were asked for (or after 2 s)
    const masterData = masterDataServer([]);
    const server = fakeFetch((request) => {
      const url = new URL(request.url);
      if (url.pathname === '/customers') return reply(200, { collection: [hansen, customer(2000)] });
      if (request.method === 'POST') return reply(201, { ...draftAmounts, orderNumber: 4 });
      return masterData(request);
    });
    let customersAsked = false;
    let customersAskedBeforeLayouts = false;
    const fetch: typeof server.fetch = async (input, init) => {
      if (new URL(input).pathname === '/customers') customersAsked = true;
      if (new URL(input).pathname === '/layouts') {
        for (let waited = 0; !customersAsked && waited < 2000; waited += 10)
          await new Promise((resolve) => setTimeout(resolve, 10));
        customersAskedBeforeLayouts = customersAsked;
      }
      return server.fetch(input, init);
    };
    const { economic } = adapter([], { fetch });

    // Act
    await economic.prepareCustomers!(['1001', '2000']);
    const draft = await economic.createDraft(order, 'k1', { firstAttempt: true });

    // Assess: both customers known with their layout, none read again by the draft
    expect(customersAskedBeforeLayouts).toBe(true);
    expect(draft.number).toBe('4');
    expect(server.sent.at(-1)?.body).toMatchObject({
      customer: { customerNumber: 1001 },
      layout: { layoutNumber: 20 },
    });
    expect(server.sent.filter((request) => new URL(request.url).pathname.startsWith('/customers/'))).toEqual(
      [],
    );
  });

  it('reads nothing ahead for a single customer, or for customers it knows', async () => {
    // Prepare
    const { economic, server } = await loaded([hansen], []);
    server.sent.length = 0;

    // Act
    await economic.prepareCustomers!(['1001', '1001']);
    await economic.prepareCustomers!(['7']);

    // Assess
    expect(server.sent).toEqual([]);
  });

  it('reads a customer again after a read that failed, instead of failing every draft with it', async () => {
    // Prepare: the first read of the customer is refused as not found, the next one finds it
    const masterData = masterDataServer([]);
    let customerReads = 0;
    const { economic, server } = adapter((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/customers/1001') {
        customerReads += 1;
        return customerReads === 1 ? reply(404, {}) : reply(200, hansen);
      }
      if (request.method === 'POST') return reply(201, { ...draftAmounts, orderNumber: 5 });
      return masterData(request);
    });

    // Act
    const first = await economic.createDraft(order, 'k1', { firstAttempt: true }).catch((error) => error);
    const second = await economic.createDraft(order, 'k2', { firstAttempt: true });

    // Assess
    expect(first).toMatchObject({ name: 'AccountingRejected', status: 404 });
    expect(second).toMatchObject({ number: '5' });
    expect(server.sent.filter((r) => new URL(r.url).pathname === '/customers/1001')).toHaveLength(2);
  });

  it('passes e-conomic validation errors up as AccountingRejected with the annotated body, naming each field', async () => {
    const errorBody = {
      message: 'Validation error.',
      httpStatusCode: 400,
      errors: { customer: { errors: [{ errorCode: 'E06000', message: 'customer does not exist.' }] } },
    };
    const { economic } = await loaded([hansen], [reply(400, errorBody)]);

    await expect(economic.createDraft(order, 'k', { firstAttempt: true })).rejects.toMatchObject({
      name: 'AccountingRejected',
      status: 400,
      detail: errorBody,
      message:
        'e-conomic POST /orders/drafts answered 400: Validation error. customer: customer does not exist. (E06000)',
    });
  });
});

describe('e-conomic adapter: due dates under the customer’s payment terms', () => {
  const onForfaldsdato = customer(1001, { paymentTerms: { paymentTermsNumber: 4 } });
  const withoutDueDate: DraftOrder = { ...order, dueDate: undefined };

  it('sends the date plus the default days of credit under dueDate terms when the invoice has no due date', async () => {
    // Prepare
    const { economic, server } = await loaded(
      [onForfaldsdato],
      [reply(201, { ...draftAmounts, orderNumber: 7 })],
      {
        defaultDaysOfCredit: 14,
      },
    );

    // Act
    await economic.createDraft(withoutDueDate, 'k', { firstAttempt: true });

    // Assess: exactly the documented body, with the due date after date and before currency
    const body = server.sent[0]?.body as EconomicDraftBody;
    expect(server.sent).toHaveLength(1);
    expect(Object.keys(body).slice(0, 3)).toEqual(['date', 'dueDate', 'currency']);
    expect(body).toMatchObject({
      date: '2026-10-31',
      dueDate: '2026-11-14',
      customer: { customerNumber: 1001 },
      paymentTerms: { paymentTermsNumber: 4 },
    });
    expect(body.paymentTerms).toEqual({ paymentTermsNumber: 4 });
  });

  it('sends the invoice’s own due date under dueDate terms, whatever the default', async () => {
    const { economic, server } = await loaded(
      [onForfaldsdato],
      [reply(201, { ...draftAmounts, orderNumber: 7 })],
      {
        defaultDaysOfCredit: 14,
      },
    );

    await economic.createDraft(order, 'k', { firstAttempt: true });

    expect(server.sent[0]?.body).toMatchObject({ date: '2026-10-31', dueDate: '2026-11-08' });
  });

  it('never sends a due date before the date: one too early gives way to the default', async () => {
    const { economic, server } = await loaded(
      [onForfaldsdato],
      [reply(201, { ...draftAmounts, orderNumber: 7 })],
      {
        defaultDaysOfCredit: 0,
      },
    );

    await economic.createDraft({ ...order, dueDate: '2026-10-30' }, 'k', { firstAttempt: true });

    expect(server.sent[0]?.body).toMatchObject({ date: '2026-10-31', dueDate: '2026-10-31' });
  });

  it('refuses, before sending anything, a draft under dueDate terms whose due date cannot be decided', async () => {
    // Prepare: no default days of credit
    const { economic, server } = await loaded([onForfaldsdato], []);

    // Act
    const error = await economic.createDraft(withoutDueDate, 'k', { firstAttempt: true }).catch((e) => e);

    // Assess: our words, the pre-check's (E04042 never reaches e-conomic)
    expect(error).toMatchObject({ name: 'AccountingRejected', status: 0, detail: { field: 'dueDate' } });
    expect(error.message).toBe(
      'Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice has none and no defaultDaysOfCredit is set on the e-conomic integration: Customer 1001',
    );
    expect(server.sent).toEqual([]);
  });

  it('sends none under terms that derive their own, whatever the default', async () => {
    const { economic, server } = await loaded(
      [customer(1001)],
      [reply(201, { ...draftAmounts, orderNumber: 7 })],
      {
        defaultDaysOfCredit: 14,
      },
    );

    await economic.createDraft(withoutDueDate, 'k', { firstAttempt: true });

    expect(server.sent[0]?.body).not.toHaveProperty('dueDate');
  });

  it('without the master data, reads the payment terms once, and only when a default could decide the due date', async () => {
    // Prepare
    const masterData = masterDataServer([]);
    const serve = (request: SentRequest): Reply => {
      const path = new URL(request.url).pathname;
      if (path === '/customers/1001') return reply(200, onForfaldsdato);
      if (request.method === 'POST') return reply(201, { ...draftAmounts, orderNumber: 3 });
      return masterData(request);
    };
    const withDefault = adapter(serve, { defaultDaysOfCredit: 10 });
    const withoutDefault = adapter(serve);

    // Act
    await withDefault.economic.createDraft(withoutDueDate, 'k1', { firstAttempt: true });
    await withDefault.economic.createDraft(withoutDueDate, 'k2', { firstAttempt: true });
    await withoutDefault.economic.createDraft(withoutDueDate, 'k3', { firstAttempt: true });

    // Assess: with a default, one read of the collection; without one, nothing to decide, and
    // e-conomic judges (the export's pre-check has refused such a draft already)
    const paths = (sent: SentRequest[]) => sent.map((r) => `${r.method} ${new URL(r.url).pathname}`);
    expect(paths(withDefault.server.sent)).toEqual([
      'GET /customers/1001',
      'GET /layouts',
      'GET /customer-groups',
      'GET /payment-terms',
      'POST /orders/drafts',
      'POST /orders/drafts',
    ]);
    expect(withDefault.server.sent[4]?.body).toMatchObject({ dueDate: '2026-11-10' });
    expect(paths(withoutDefault.server.sent)).not.toContain('GET /payment-terms');
    expect(withoutDefault.server.sent.at(-1)?.body).not.toHaveProperty('dueDate');
  });
});

describe('e-conomic adapter: findDraftByReference', () => {
  it('filters on references.other with the value escaped, and compares exactly', async () => {
    // Prepare
    const reference = 'Ref (a,b) $5 * [x]';
    const { economic, server } = adapter([
      reply(
        200,
        page([
          { ...draftAmounts, orderNumber: 3, references: { other: 'REF (A,B) $5 * [X]' } }, // the filter ignores case; we do not
          { ...draftAmounts, orderNumber: 9, references: { other: reference } },
        ]),
      ),
    ]);

    // Act
    const draft = await economic.findDraftByReference(reference);

    // Assess
    expect(draft).toEqual({ number: '9', reference, totals: answeredTotals });
    expect(server.sent[0]?.url).toBe(
      `${BASE}/orders/drafts?filter=${encodeURIComponent('references.other$eq:Ref $(a$,b$) $$5 $* [x]')}&pagesize=1000`,
    );
  });

  it('answers undefined when no draft carries the reference', async () => {
    const { economic } = adapter([reply(200, page([]))]);

    expect(await economic.findDraftByReference('FK-1')).toBeUndefined();
  });
});

describe('e-conomic adapter: deleteDraft', () => {
  const draft = { number: '4711', reference: 'FK-1' };
  const ours = { ...draftAmounts, orderNumber: 4711, references: { other: 'FK-1' } };

  it('reads the draft, checks the reference, then deletes it with the key', async () => {
    // Prepare
    const { economic, server } = adapter([reply(200, ours), reply(204)]);

    // Act
    const outcome = await economic.deleteDraft(draft, 'del-1');

    // Assess
    expect(outcome).toBe('deleted');
    expect(server.sent).toEqual([
      { method: 'GET', url: `${BASE}/orders/drafts/4711`, headers, body: undefined },
      {
        method: 'DELETE',
        url: `${BASE}/orders/drafts/4711`,
        headers: { ...headers, 'Idempotency-Key': 'del-1' },
        body: undefined,
      },
    ]);
  });

  it('takes any 2xx as deleted (draft invoices answer 200 with a message)', async () => {
    const { economic } = adapter([reply(200, ours), reply(200, { message: 'Deleted.' })]);

    expect(await economic.deleteDraft(draft, 'k')).toBe('deleted');
  });

  it('does not delete a reused number that now carries another reference', async () => {
    // Prepare
    const { economic, server } = adapter([
      reply(200, { ...draftAmounts, orderNumber: 4711, references: { other: 'SOMEONE-ELSE' } }),
      reply(200, page([])),
    ]);

    // Act
    const outcome = await economic.deleteDraft(draft, 'k');

    // Assess
    expect(outcome).toBe('already-gone');
    expect(server.sent.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(server.sent[1]?.url).toBe(
      `${BASE}/orders/drafts?filter=references.other%24eq%3AFK-1&pagesize=1000`,
    );
  });

  it('does not delete a draft without any reference either', async () => {
    const { economic, server } = adapter([reply(200, { orderNumber: 4711 }), reply(200, page([]))]);

    expect(await economic.deleteDraft(draft, 'k')).toBe('already-gone');
    expect(server.sent.map((r) => r.method)).not.toContain('DELETE');
  });

  it('confirms absence by the reference filter when the draft is 404', async () => {
    const { economic, server } = adapter([reply(404, { errorCode: 'E06000' }), reply(200, page([]))]);

    expect(await economic.deleteDraft(draft, 'k')).toBe('already-gone');
    expect(server.sent).toHaveLength(2);
  });

  it('confirms absence when the DELETE itself answers 404', async () => {
    const { economic, server } = adapter([reply(200, ours), reply(404, {}), reply(200, page([]))]);

    expect(await economic.deleteDraft(draft, 'k')).toBe('already-gone');
    expect(server.sent.map((r) => r.method)).toEqual(['GET', 'DELETE', 'GET']);
  });

  it('deletes our draft where the reference really is, checking it again first', async () => {
    const { economic, server } = adapter([
      reply(404, {}),
      reply(200, page([{ ...draftAmounts, orderNumber: 4800, references: { other: 'FK-1' } }])),
      reply(200, { ...draftAmounts, orderNumber: 4800, references: { other: 'FK-1' } }),
      reply(204),
    ]);

    expect(await economic.deleteDraft(draft, 'k')).toBe('deleted');
    expect(
      server.sent.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.headers['Idempotency-Key'] ?? ''}`),
    ).toEqual([
      'GET /orders/drafts/4711 ',
      'GET /orders/drafts ',
      'GET /orders/drafts/4800 ',
      'DELETE /orders/drafts/4800 k-4800',
    ]);
  });

  it('retries a DELETE on 5xx with the same key', async () => {
    const { economic, server } = adapter([reply(200, ours), reply(502), reply(204)]);

    expect(await economic.deleteDraft(draft, 'k')).toBe('deleted');
    expect(server.sent.map((r) => [r.method, r.headers['Idempotency-Key']])).toEqual([
      ['GET', undefined],
      ['DELETE', 'k'],
      ['DELETE', 'k'],
    ]);
  });
});

describe('e-conomic adapter: readBookings', () => {
  it('reads our drafts still there and the invoices booked since a day, and tells paid by the remainder', async () => {
    // Prepare
    const { economic, server } = adapter((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/orders/drafts')
        return reply(200, page([{ orderNumber: 11, references: { other: 'FK-e1-a' } }]));
      return reply(
        200,
        page([
          { bookedInvoiceNumber: 10234, orderNumber: 12, references: { other: 'FK-e1-b' }, remainder: 0 },
          { bookedInvoiceNumber: 10235, orderNumber: 13, remainder: 603.84 },
          { bookedInvoiceNumber: 10236, references: { other: 'Ordre 17' }, remainder: 10 },
        ]),
      );
    });

    // Act
    const seen = await economic.readBookings('2026-10-01');

    // Assess
    expect(seen).toEqual({
      draftReferences: new Set(['FK-e1-a']),
      booked: [
        { invoiceNumber: '10234', reference: 'FK-e1-b', orderNumber: '12', paid: true },
        { invoiceNumber: '10235', orderNumber: '13', paid: false },
        { invoiceNumber: '10236', reference: 'Ordre 17', paid: false },
      ],
    });
    expect(server.sent.map((r) => decodeURIComponent(r.url))).toEqual([
      `${BASE}/orders/drafts?filter=references.other$like:FK-&skippages=0&pagesize=1000`,
      `${BASE}/invoices/booked?filter=date$gte:2026-10-01&skippages=0&pagesize=1000`,
    ]);
    expect(economic.calls.snapshot()).toEqual({ readBookings: 2 });
  });

  it('refuses a day that is not YYYY-MM-DD before any call (it goes into a filter)', async () => {
    // Prepare
    const { economic, server } = adapter([]);

    // Act
    const refused = economic.readBookings('2026-10-01$or:x$eq:1');

    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'AccountingRejected' });
    expect(server.sent).toEqual([]);
  });
});

describe('e-conomic adapter: VAT in the master data', () => {
  it('reads no product group’s sales accounts after one read has failed', async () => {
    // Prepare: products in eight groups; group 1's sales accounts cannot be read (e-conomic down)
    const masterData = masterDataServer([customer(1001)]);
    const products = Array.from({ length: 8 }, (_, index) => ({
      productNumber: `P${index + 1}`,
      name: `Vare ${index + 1}`,
      productGroup: { productGroupNumber: index + 1 },
    }));
    const { economic, server } = adapter(
      (request) => {
        const path = new URL(request.url).pathname;
        if (path === '/products') return reply(200, page(products));
        if (path === '/product-groups/1/sales-accounts') return reply(503, { message: 'down' });
        if (path.startsWith('/product-groups/')) return reply(200, page([salesAccount(1, 1010, 'U25')]));
        return masterData(request);
      },
      { retry: { maxAttempts: 1 } },
    );

    // Act
    const read = economic.loadMasterData();

    // Assess: groups 1 to 4 went at once; 5 to 8 never did
    await expect(read).rejects.toMatchObject({ name: 'AccountingUnavailable' });
    const groupsRead = server.sent
      .map((r) => new URL(r.url).pathname.match(/^\/product-groups\/(\d+)\//)?.[1])
      .filter((group) => group !== undefined)
      .map(Number);
    expect(groupsRead.sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
  });

  it('goes on without VAT rates when e-conomic refuses the VAT reads (a grant without the rights), not when it is down', async () => {
    // Prepare: /vat-accounts refused with 403 for one agreement, 503 for the other
    const serving = (status: number) => {
      const masterData = masterDataServer([customer(1001)]);
      return adapter(
        (request) =>
          new URL(request.url).pathname === '/vat-accounts'
            ? reply(status, { message: 'no' })
            : masterData(request),
        { retry: { maxAttempts: 1 } },
      );
    };
    const refused = serving(403);
    const down = serving(503);

    // Act
    const data = await refused.economic.loadMasterData();
    const failed = down.economic.loadMasterData();

    // Assess
    expect(data.products.get('NUM01')).toEqual({ number: 'NUM01', name: 'Nummerleje', barred: false });
    expect(refused.server.sent.map((r) => new URL(r.url).pathname)).not.toContain(
      '/product-groups/1/sales-accounts',
    );
    await expect(failed).rejects.toMatchObject({ name: 'AccountingUnavailable' });
  });
});
