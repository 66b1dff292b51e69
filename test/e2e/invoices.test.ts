import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { problemOf } from './support/typed-api.ts';

/** POST /invoice and GET /invoice/{id}, field by field and status by status, as docs/seeds/002-create-invoice.txt and docs/seeds/003-get-invoice.txt have them. */
let tenant: Tenant;
let platform: FakturaClient;
let numberRental: { _id: string };
let calls: { _id: string };
let included: { _id: string };
let license: { _id: string };

const seed003Lines = () => [
  {
    product: numberRental._id,
    description: '1 numre - Periode: 01-11-2014 - 31-03-2015',
    units: 5,
    unitWholesale: 20,
    unitPrice: 25,
  },
  {
    product: calls._id,
    description: 'SIP konto: Hovedkonto - kald: 544 - tid: 25:34:05 - periode: 01-12-2014 - 31-12-2014',
    units: 1,
    unitWholesale: 398.18,
    unitPrice: 792.22,
  },
  {
    product: calls._id,
    description: 'SIP konto: Fax - kald: 15 - tid: 00:11:47 - periode: 01-12-2014 - 31-12-2014',
    units: 1,
    unitWholesale: 1.63,
    unitPrice: 3.54,
  },
];

beforeAll(async () => {
  platform = await adminClient();
  tenant = await createTenant('Invoices');
  numberRental = await createProduct({
    name: 'Nummerleje',
    unitType: 'MONTHS',
    unitCost: 10,
    unitWholesale: 20,
    unitPrice: 25,
  });
  calls = await createProduct({
    name: 'Samtaler',
    unitType: 'UNITS',
    kind: 'usage',
    unitCost: 100,
    unitWholesale: 200,
    unitPrice: 300,
  });
  included = await createProduct({
    name: 'Voicemail',
    included: true,
    unitCost: 0,
    unitWholesale: 0,
    unitPrice: 0,
  });
  license = await createProduct({
    name: 'Microsoft 365',
    externalLicense: true,
    unitCost: 50,
    unitWholesale: 70,
    unitPrice: 99,
  });
});

describe('POST /invoice', () => {
  it('reproduces the docs/seeds/003-get-invoice.txt example to the øre', async () => {
    // Act
    const created = await platform.POST('/invoice', {
      body: {
        customer: tenant.customer,
        headline: 'Periode faktura',
        lines: seed003Lines(),
      },
    });

    // Assess
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      customer: tenant.customer,
      sent: false,
      invoiceNumber: '-1',
      period: false,
      paid: false,
      headline: 'Periode faktura',
      subTotal: 920.76,
      vat: 230.19,
      total: 1150.95,
      subTotalWholesale: 499.81,
      vatWholesale: 124.95,
    });
    expect(created.data!.lines).toHaveLength(3);
    expect(created.data!.lines[0]).toMatchObject({
      units: 5,
      type: 'MONTHS',
      unitWholesale: 20,
      unitPrice: 25,
      name: 'Nummerleje',
    });
  });

  it('shows each role its own prices of the same invoice', async () => {
    // Prepare
    const created = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        lines: [{ product: numberRental._id, units: 2 }],
      },
    });

    // Act
    const [asAdmin, asReseller, asUser] = await Promise.all([
      platform.GET('/invoice/{id}', { params: { path: { id: created.data!._id } } }),
      tenant.resellerClient.GET('/invoice/{id}', { params: { path: { id: created.data!._id } } }),
      tenant.userClient.GET('/invoice/{id}', { params: { path: { id: created.data!._id } } }),
    ]);

    // Assess
    expect(asAdmin.data).toMatchObject({
      subTotalCost: 20,
      vatCost: 5,
      subTotalWholesale: 40,
      subTotal: 50,
      vat: 12.5,
      total: 62.5,
    });
    expect(asAdmin.data!.lines[0]).toMatchObject({ unitCost: 10, unitWholesale: 20, unitPrice: 25 });
    expect(JSON.stringify(asReseller.data)).not.toMatch(/Cost/);
    expect(asReseller.data!.subTotalWholesale).toBe(40);
    expect(JSON.stringify(asUser.data)).not.toMatch(/Cost|Wholesale/);
    expect(asUser.data!.total).toBe(62.5);
  });

  it('takes current-invoice items into the invoice and off the current list, atomically', async () => {
    // Prepare
    const item = await tenant.resellerClient.POST('/invoice/current', {
      body: {
        customer: tenant.customer,
        product: calls._id,
        units: 12.5,
        unitPrice: 0.4,
        description: 'Samtaler',
      },
    });
    const recurring = await tenant.resellerClient.POST('/invoice/current', {
      body: {
        customer: tenant.customer,
        product: numberRental._id,
        units: 1,
        recurrence: 'MONTHLY',
      },
    });

    // Act
    const created = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        currentInvoices: [item.data!._id],
      },
    });
    const current = await tenant.resellerClient.GET('/invoice/current', {
      params: { query: { customer: tenant.customer } },
    });

    // Assess
    expect(created.response.status).toBe(201);
    expect(created.data!.lines).toEqual([
      expect.objectContaining({ product: calls._id, units: 12.5, unitPrice: 0.4, description: 'Samtaler' }),
    ]);
    expect(created.data!.subTotal).toBe(5);
    const left = current.data!.currentInvoices.map((i: { _id: string }) => i._id);
    expect(left).not.toContain(item.data!._id);
    expect(left).toContain(recurring.data!._id);
  });

  it('never bills one current item twice, even for concurrent requests', async () => {
    // Prepare
    const item = await tenant.resellerClient.POST('/invoice/current', {
      body: {
        customer: tenant.customer,
        product: calls._id,
        units: 1,
      },
    });

    // Act
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        tenant.resellerClient.POST('/invoice', {
          body: { customer: tenant.customer, currentInvoices: [item.data!._id] },
        }),
      ),
    );

    // Assess
    const statuses = attempts.map((attempt) => attempt.response.status).sort();
    expect(statuses).toEqual([201, 404, 404, 404, 404]);
    for (const refused of attempts.filter((attempt) => attempt.response.status === 404)) {
      expect(refused.error).toMatchObject({
        message: 'currentInvoices',
        description: 'Some or all items were not found',
      });
    }
  });

  it('returns the first invoice again for a retried request with the same Idempotency-Key', async () => {
    // Prepare
    const body = { customer: tenant.customer, lines: [{ product: numberRental._id, units: 1 }] };
    const headers = { 'idempotency-key': `retry-${Date.now()}` };

    // Act
    const first = await tenant.resellerClient.POST('/invoice', { body, headers });
    const retry = await tenant.resellerClient.POST('/invoice', { body, headers });
    const reused = await tenant.resellerClient.POST('/invoice', {
      body: { ...body, headline: 'other' },
      headers,
    });

    // Assess
    expect(first.response.status).toBe(201);
    expect(retry.response.status).toBe(201);
    expect(retry.data!._id).toBe(first.data!._id);
    expect(reused.response.status).toBe(422);
    expect(reused.error?.message).toBe('Idempotency-Key');
  });

  it('refuses an invoice number the reseller already used', async () => {
    const number = `F-${Date.now()}`;
    const first = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        invoiceNumber: number,
        lines: [{ product: calls._id, units: 1 }],
      },
    });
    const second = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        invoiceNumber: number,
        lines: [{ product: calls._id, units: 1 }],
      },
    });

    expect(first.data!.invoiceNumber).toBe(number);
    expect(second.response.status).toBe(422);
    expect(second.error).toMatchObject({
      message: 'invoiceNumber',
      description: 'Invoice number is already used',
    });
  });

  it('keeps dates as Danish calendar days', async () => {
    const created = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        invoiceDate: '2030-01-01T00:00:00+0100',
        dueDate: '2030-01-14',
        lines: [{ product: calls._id, units: -2, from: '2029-12-01', to: '2029-12-31' }],
      },
    });

    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      invoiceDate: '2029-12-31T23:00:00.000Z',
      dueDate: '2030-01-13T23:00:00.000Z',
      subTotal: -600,
    });
    expect(created.data!.lines[0]).toMatchObject({ from: '2029-12-01', to: '2029-12-31' });
  });

  describe('every error row of docs/seeds/002-create-invoice.txt', () => {
    const expectError = (
      answer: { response: Response; error?: unknown },
      status: number,
      message: string,
      description?: string,
    ) => {
      expect(answer.response.status).toBe(status);
      expect(answer.error).toMatchObject({ status, message, ...(description ? { description } : {}) });
    };
    const line = () => ({ product: calls._id, units: 1 });

    it('404 customer', async () => {
      expectError(
        await tenant.resellerClient.POST('/invoice', {
          body: { customer: '0123456789abcdef01234567', lines: [line()] },
        }),
        404,
        'customer',
        'Customer not found',
      );
    });
    it('404 reseller', async () => {
      expectError(
        await platform.POST('/invoice', {
          body: {
            customer: tenant.customer,
            reseller: '0123456789abcdef01234567',
            lines: [line()],
          },
        }),
        404,
        'reseller',
        'Reseller not found',
      );
    });
    it('422 invoiceDate', async () => {
      expectError(
        await tenant.resellerClient.POST('/invoice', {
          body: {
            customer: tenant.customer,
            invoiceDate: '2026-02-30',
            lines: [line()],
          },
        }),
        422,
        'invoiceDate',
        'Invoice date is invalid',
      );
    });
    it.each([['2020-01-01'], ['soon']])('422 dueDate (%s)', async (dueDate) => {
      expectError(
        await tenant.resellerClient.POST('/invoice', {
          body: { customer: tenant.customer, dueDate, lines: [line()] },
        }),
        422,
        'dueDate',
        'Due date is invalid or in the past',
      );
    });
    it('422 headline', async () => {
      expectError(
        await tenant.resellerClient.POST('/invoice', {
          body: {
            customer: tenant.customer,
            headline: 'x'.repeat(251),
            lines: [line()],
          },
        }),
        422,
        'headline',
      );
    });
    it('404 lines[x].product: not found', async () => {
      expectError(
        await tenant.resellerClient.POST('/invoice', {
          body: {
            customer: tenant.customer,
            lines: [line(), { product: '0123456789abcdef01234567', units: 1 }],
          },
        }),
        404,
        'lines[1].product',
        'Product not found',
      );
    });
    it('404 lines[x].product: not valid for use', async () => {
      const barred = await createProduct({ barred: true });
      expectError(
        await tenant.resellerClient.POST('/invoice', {
          body: {
            customer: tenant.customer,
            lines: [{ product: barred._id, units: 1 }],
          },
        }),
        404,
        'lines[0].product',
        'Product not found or not valid for use',
      );
    });
    it.each([
      ['units', 'abc'],
      ['units', 0],
      ['unitPrice', -1],
      ['unitPrice', '5'],
    ])('422 lines[x].%s = %j', async (field, value) => {
      expectError(
        await tenant.resellerClient.POST('/invoice', {
          body: {
            customer: tenant.customer,
            lines: [{ ...line(), [field]: value }],
          },
        }),
        422,
        `lines[0].${field}`,
      );
    });
    it.each([['unitCost'], ['unitWholesale']])(
      '422 lines[x].%s for a RESELLER (ADMIN only) and for a bad value',
      async (field) => {
        expectError(
          await tenant.resellerClient.POST('/invoice', {
            body: {
              customer: tenant.customer,
              lines: [{ ...line(), [field]: 1 }],
            },
          }),
          422,
          `lines[0].${field}`,
        );
        expectError(
          await platform.POST('/invoice', {
            body: { customer: tenant.customer, lines: [{ ...line(), [field]: -5 }] },
          }),
          422,
          `lines[0].${field}`,
        );
      },
    );
    it('404 currentInvoices', async () => {
      expectError(
        await tenant.resellerClient.POST('/invoice', {
          body: {
            customer: tenant.customer,
            currentInvoices: ['0123456789abcdef01234567'],
          },
        }),
        404,
        'currentInvoices',
        'Some or all items were not found',
      );
    });
    it('422 currentInvoices[x]', async () => {
      const monthly = await tenant.resellerClient.POST('/invoice/current', {
        body: {
          customer: tenant.customer,
          product: calls._id,
          units: 1,
          recurrence: 'MONTHLY',
        },
      });
      const locked = await tenant.resellerClient.POST('/invoice/current', {
        body: {
          customer: tenant.customer,
          product: calls._id,
          units: 1,
          locked: true,
        },
      });
      const response = await tenant.resellerClient.POST('/invoice', {
        body: {
          customer: tenant.customer,
          currentInvoices: [monthly.data!._id, locked.data!._id],
        },
      });
      expectError(response, 422, 'multiple');
      expect(problemOf(response).errors).toEqual([
        {
          status: 422,
          message: 'currentInvoices[0]',
          description: 'Current invoice item cannot be included due to recurrence',
        },
        {
          status: 422,
          message: 'currentInvoices[1]',
          description: 'Current invoice item cannot be included: it is locked',
        },
      ]);
    });
    it('422 lines: Nothing to invoice', async () => {
      expectError(
        await tenant.resellerClient.POST('/invoice', { body: { customer: tenant.customer, lines: [] } }),
        422,
        'lines',
        'Nothing to invoice',
      );
    });
    it('403 access_denied', async () => {
      expectError(
        await tenant.userClient.POST('/invoice', { body: { customer: tenant.customer, lines: [line()] } }),
        403,
        'access_denied',
      );
    });
    it('reports all problems together in one 422 multiple, and writes nothing', async () => {
      // Prepare
      const listed = () =>
        tenant.resellerClient.GET('/invoice', {
          params: { query: { customer: tenant.customer, limit: 500 } },
        });
      const before = await listed();

      // Act: untyped on purpose, a number for a text and a text for a number
      const response = await tenant.resellerApi.post('/invoice', {
        customer: tenant.customer,
        invoiceDate: 'yesterday',
        headline: 42,
        lines: [
          { product: '0123456789abcdef01234567', units: 'many' },
          { product: calls._id, units: 1, unitCost: 3 },
        ],
      });
      const after = await listed();

      // Assess
      expect(response.status).toBe(422);
      expect(response.body.message).toBe('multiple');
      expect(response.body.errors.map((e: { message: string }) => e.message)).toEqual([
        'invoiceDate',
        'headline',
        'lines[0].product',
        'lines[0].units',
        'lines[1].unitCost',
      ]);
      expect(after.data!.invoices).toHaveLength(before.data!.invoices.length);
    });
  });
});

describe('GET /invoice/{id}', () => {
  let invoiceId: string;
  const read = (query: Record<string, string>) =>
    tenant.resellerClient.GET('/invoice/{id}', { params: { path: { id: invoiceId }, query } });

  beforeAll(async () => {
    const created = await platform.POST('/invoice', {
      body: {
        customer: tenant.customer,
        lines: [
          { product: numberRental._id, units: 1, from: '2026-10-01', to: '2026-10-31' },
          { product: numberRental._id, units: 2, from: '2026-10-01', to: '2026-10-31' },
          { product: calls._id, units: 10, unitPrice: 0.5, description: 'Samtaler; "oktober"' },
          { product: included._id, units: 1 },
          { product: license._id, units: 3 },
        ],
      },
    });
    invoiceId = created.data!._id;
  });

  it('hides included products unless asked, and external licences unless asked for only them', async () => {
    const plain = await tenant.resellerClient.GET('/invoice/{id}', { params: { path: { id: invoiceId } } });
    const withIncluded = await read({ showIncludedProducts: 'true' });
    const licenses = await read({ externalLicenses: 'true' });

    expect(plain.data!.lines.map((l: { product: string }) => l.product)).toEqual([
      numberRental._id,
      numberRental._id,
      calls._id,
    ]);
    expect(withIncluded.data!.lines).toHaveLength(4);
    expect(licenses.data!.lines.map((l: { product: string }) => l.product)).toEqual([license._id]);
    expect(licenses.data!.subTotal).toBe(297);
    expect(plain.data!.subTotal).toBe(80);
  });

  it('groups lines of the same product and period, summing units, without changing the totals', async () => {
    const grouped = await read({ groupInvoiceLines: 'true' });

    expect(grouped.data!.lines[0]).toMatchObject({
      product: numberRental._id,
      units: 3,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(grouped.data!.lines).toHaveLength(2);
    expect(grouped.data!.total).toBe(100);
  });

  it('shows only usage lines with onlyUsage', async () => {
    const usage = await read({ onlyUsage: 'true' });

    expect(usage.data!.lines.map((l: { product: string }) => l.product)).toEqual([calls._id]);
  });

  it('renders CSV in Danish by default: semicolons, decimal comma, Danish headers', async () => {
    const csv = await tenant.resellerClient.GET('/invoice/{id}', {
      params: { path: { id: invoiceId }, query: { format: 'csv' } },
      parseAs: 'text',
    });

    expect(csv.response.status).toBe(200);
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = csv.data!;
    const rows = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toContain('Varenummer;Navn;Beskrivelse;Antal;Enhed');
    expect(rows[0]).not.toContain('Kostpris');
    expect(text).toContain('"Samtaler; ""oktober"""');
    expect(text).toContain('0,50');
  });

  it('renders CSV in English with lang=en', async () => {
    const csv = await tenant.userClient.GET('/invoice/{id}', {
      params: { path: { id: invoiceId }, query: { format: 'csv', lang: 'en' } },
      parseAs: 'text',
    });

    const header = csv.data!.replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header).toContain('Product code,Name,Description,Units,Unit');
    expect(header).not.toMatch(/wholesale|cost/i);
  });

  it.each([
    ['format=xml', 'format'],
    ['lang=sv', 'lang'],
    ['groupInvoiceLines=maybe', 'groupInvoiceLines'],
  ])('refuses %s with 422 %s', async (query, key) => {
    // Untyped on purpose: values outside each option's choices.
    const response = await tenant.resellerApi.get(`/invoice/${invoiceId}?${query}`);

    expect(response.status).toBe(422);
    expect(response.body.message).toBe(key);
  });

  it('answers 400 bad_request for an id that is not 24 hex, and 404 not_found for a missing one', async () => {
    const byId = (id: string) => tenant.resellerClient.GET('/invoice/{id}', { params: { path: { id } } });
    const bad = await byId('not-an-id');
    const missing = await byId('0123456789abcdef01234567');

    expect(bad.response.status).toBe(400);
    expect(bad.error?.message).toBe('bad_request');
    expect(missing.response.status).toBe(404);
    expect(missing.error?.message).toBe('not_found');
  });

  it('keeps a timeline that starts with the creation', async () => {
    const timeline = await tenant.resellerClient.GET('/invoice/{id}/timeline', {
      params: { path: { id: invoiceId } },
    });

    expect(timeline.response.status).toBe(200);
    expect(timeline.data!.timeline).toEqual([
      expect.objectContaining({
        event: 'created',
        by: 'ops@faktura.local',
        detail: expect.objectContaining({ lines: 5 }),
      }),
    ]);
  });
});

describe('GET /invoice', () => {
  it('lists a customer’s invoices newest first, with offset and limit', async () => {
    // Prepare
    const own = await createTenant('List');
    for (const invoiceDate of ['2031-01-01', '2031-02-01', '2031-03-01']) {
      await own.resellerClient.POST('/invoice', {
        body: { customer: own.customer, invoiceDate, lines: [{ product: calls._id, units: 1 }] },
      });
    }

    // Act
    const all = await own.resellerClient.GET('/invoice', { params: { query: { customer: own.customer } } });
    const window = await own.resellerClient.GET('/invoice', {
      params: { query: { customer: own.customer, offset: 1, limit: 1 } },
    });
    const dated = await own.userClient.GET('/invoice', {
      params: { query: { fromDate: '2031-01-15', toDate: '2031-02-15' } },
    });

    // Assess
    expect(all.data!.invoices.map((i: { invoiceDate: string }) => i.invoiceDate.slice(0, 7))).toEqual([
      '2031-02',
      '2031-01',
      '2030-12',
    ]);
    expect(window.data).toMatchObject({ offset: 1, limit: 1, more: true });
    expect(window.data!.invoices).toHaveLength(1);
    expect(dated.data!.invoices).toHaveLength(1);
    expect(JSON.stringify(dated.data)).not.toMatch(/Wholesale|Cost/);
  });

  it.each([
    ['limit=501', 'limit'],
    ['offset=-1', 'offset'],
    ['fromDate=x', 'fromDate'],
  ])('refuses %s', async (query, key) => {
    // Untyped on purpose: values outside each option's range.
    const response = await tenant.resellerApi.get(`/invoice?${query}`);

    expect(response.status).toBe(422);
    expect(response.body.message).toBe(key);
  });
});
