import { beforeAll, describe, expect, it } from 'vitest';
import {
  createInvoices,
  createScenario,
  exportIdOf,
  mailAbout,
  requestExport,
  type Scenario,
  waitForExport,
} from './support/accounting.ts';
import { call } from './support/api.ts';
import { createProduct, createTenant, type Tenant } from './support/fixtures.ts';
import { markExported, pending, pulledIds } from './support/tracking.ts';
import { problemOf } from './support/typed-api.ts';

/**
 * Issue 12, "Keep, and document": choices the seed audit found right. Each is stated in the API
 * reference's Conventions (info.description of /openapi.json) and held here through the HTTP API,
 * so the reference and the behaviour cannot drift apart.
 */
let tenant: Tenant;
let other: Tenant;
let product: { _id: string };
let invoiceId: string;

beforeAll(async () => {
  tenant = await createTenant('Keeps');
  other = await createTenant('Keeps other');
  product = await createProduct();
  const created = await tenant.resellerClient.POST('/invoice', {
    body: { customer: tenant.customer, lines: [{ product: product._id, units: 1 }] },
  });
  if (!created.data) throw new Error(`invoice: ${created.response.status} ${JSON.stringify(created.error)}`);
  invoiceId = created.data._id;
});

describe('the API reference states the conventions', () => {
  it.each([
    ['ids', /24 hex characters.*`invoice_id`.*Either case is accepted.*lower case/s],
    ['query booleans', /`true`, `false`, `1` or `0`, in any case/],
    ['tenants', /Another tenant’s resource answers `404 not_found`.*never `403`/s],
    ['strict bodies', /field a body does not define is refused with `422`/],
    ['several problems', /`POST \/invoice`.*`422 multiple`/s],
    ['units 0', /`units: 0`.*refused/s],
    ['accepted exports', /`success: true`.*accepted.*`GET \/integration\/exports\/\{exportId\}`.*e-mail/s],
    ['export window', /export window.*month of `invoiceDate`/s],
    [
      'errors',
      /\*\*Errors\*\*.*`\{ status, message, description, errors\? \}`.*API Gateway.*`Unauthorized` \(401\)/s,
    ],
  ])('%s', async (_, statement) => {
    // Act
    const reference = await call('GET', '/openapi.json');

    // Assess
    expect(reference.body.info.description).toContain('## Conventions');
    expect(reference.body.info.description).toMatch(statement);
  });
});

describe('and the API keeps them', () => {
  it('another tenant’s resource answers 404, exactly like an id that does not exist', async () => {
    // Act
    const api = other.resellerClient;
    const invoice = await api.GET('/invoice/{id}', { params: { path: { id: invoiceId } } });
    const customer = await api.GET('/customer/{id}', { params: { path: { id: tenant.customer } } });
    const update = await api.PATCH('/customer/{id}', {
      params: { path: { id: tenant.customer } },
      body: { name: 'Overtaget' },
    });
    const missing = await api.GET('/invoice/{id}', { params: { path: { id: '0123456789abcdef01234567' } } });

    // Assess
    for (const { response, error } of [invoice, customer, update]) {
      expect(response.status).toBe(404);
      expect(error).toEqual(missing.error);
    }
  });

  it('refuses a body field the route does not define with 422', async () => {
    // Act: untyped on purpose, fields the reference does not have
    const customer = await tenant.resellerApi.patch(`/customer/${tenant.customer}`, { nmae: 'Stavefejl' });
    const invoice = await tenant.resellerApi.post('/invoice', {
      customer: tenant.customer,
      lines: [{ product: product._id, units: 1 }],
      dueDays: 14,
    });

    // Assess
    expect(customer.status).toBe(422);
    expect(invoice.status).toBe(422);
    expect(invoice.text).toContain('dueDays');
  });

  it('answers 422 multiple on POST /invoice with every problem when there are several', async () => {
    // Act
    const response = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        invoiceNumber: 'not a number!',
        headline: 'x'.repeat(251),
        lines: [{ product: product._id, units: 1 }],
      },
    });

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error?.message).toBe('multiple');
    expect(problemOf(response).errors?.map((error) => error.message)).toEqual(
      expect.arrayContaining(['invoiceNumber', 'headline']),
    );
  });

  it('refuses units: 0 on an invoice line, naming the line', async () => {
    // Act
    const response = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, lines: [{ product: product._id, units: 0 }] },
    });

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error?.message).toBe('lines[0].units');
  });

  it('invoice_id in export tracking is the invoice’s 24-hex id', async () => {
    // Act
    const api = tenant.resellerClient;
    const waiting = await pending(api, { system_id: 'keeps', include_non_booked: '1' });
    const marked = await markExported(api, [{ invoice_id: invoiceId, system_id: 'keeps' }]);
    const byNumber = await markExported(api, [{ invoice_id: '1001', system_id: 'keeps' }]);

    // Assess
    expect(pulledIds(waiting)).toContain(invoiceId);
    expect(marked.response.status).toBe(200);
    expect(byNumber.response.status).toBe(422);
    expect(JSON.stringify(byNumber.error)).toContain('invoice_id');
  });

  describe('exports', () => {
    let scenario: Scenario;
    const month = '2034-08';

    beforeAll(async () => {
      scenario = await createScenario('economic', 2, 'Keeps export');
    });

    it('answer success: true on acceptance, cover the month of invoiceDate only, and tell the outcome in GET /integration/exports/{id} and the e-mail', async () => {
      // Prepare: two invoices in the month, one the day before it and one the day after.
      const inMonth = await createInvoices(scenario, 2, month);
      for (const invoiceDate of ['2034-07-31', '2034-09-01']) {
        const outside = await scenario.tenant.resellerClient.POST('/invoice', {
          body: {
            customer: scenario.customers[0]!.id,
            invoiceDate,
            lines: [{ product: scenario.products[0]!.id, units: 1 }],
          },
        });
        expect(outside.response.status).toBe(201);
      }

      // Act
      const answer = await requestExport(scenario.tenant.resellerClient, 'economic', {
        invoiceDate: `${month}-01`,
      });
      const job = await waitForExport(scenario.tenant.resellerClient, exportIdOf(answer));
      const mail = await mailAbout(exportIdOf(answer));

      // Assess
      expect(answer.response.status).toBe(202);
      expect(answer.data).toMatchObject({ success: true, total: 2, exported: 2 });
      expect(job.status).toBe('succeeded');
      expect(job.invoices.map((entry) => entry.invoice).sort()).toEqual([...inMonth].sort());
      expect(mail.length).toBeGreaterThan(0);
    });
  });
});
