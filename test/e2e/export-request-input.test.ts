import { beforeAll, describe, expect, it } from 'vitest';
import { createInvoices, createScenario, type Scenario } from './support/accounting.ts';
import { admin, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * POST /integration/{system}/invoice/draft takes its options from the body or, as the seeds show,
 * from the query string alone (no body): every option, booleans as true/false/1/0 in any case,
 * `invoicesToOmit` as a comma list or a repeated key; the body wins field by field. A bad value is
 * the caller's mistake wherever it comes from: 422 naming the option, never a 500. An e-conomic
 * layout the agreement does not have is a problem of the request (422 multiple, `layout`), not a
 * failure of the export later.
 *
 * Sent untyped on purpose: the query string as the seeds write it (repeated keys, comma lists,
 * booleans in any case, no body) is what is under test; every answer is still held to the
 * reference (support/api.ts).
 */
describe('export request input', () => {
  let tenant: Tenant;

  beforeAll(async () => {
    tenant = await createTenant('Export input');
  });

  it.each([
    ['layout=abc', 'layout'],
    ['layout=1.5', 'layout'],
    ['layout=0', 'layout'],
    ['layout=', 'layout'],
    ['invoiceDate=2026-13-01', 'invoiceDate'],
    ['groupInvoiceLines=yes', 'groupInvoiceLines'],
    ['adminMode=maybe', 'adminMode'],
    ['externalLicenses=2', 'externalLicenses'],
    ['reseller=nope', 'reseller'],
    ['invoicesToOmit=nope', 'invoicesToOmit[0]'],
    ['invoiceDat=2026-01-01', 'query'],
  ])('refuses ?%s with 422 naming %s, with or without a body', async (query, field) => {
    // Act
    const withBody = await tenant.resellerApi.post(`/integration/economic/invoice/draft?${query}`, {});
    const withoutBody = await tenant.resellerApi.post(`/integration/economic/invoice/draft?${query}`);

    // Assess
    for (const response of [withBody, withoutBody]) {
      expect(response.status).toBe(422);
      expect(response.body.message).toBe(field);
    }
  });

  it('answers no body and no query as an empty body: ADMIN must name the reseller (422 reseller)', async () => {
    // Act
    const response = await (await admin()).post('/integration/economic/invoice/draft');

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('reseller');
  });

  it('names every bad query value at once', async () => {
    // Act
    const response = await tenant.resellerApi.post(
      '/integration/economic/invoice/draft?layout=abc&groupInvoiceLines=maybe',
      {},
    );

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('multiple');
    expect(response.body.errors.map((error: { message: string }) => error.message).sort()).toEqual([
      'groupInvoiceLines',
      'layout',
    ]);
  });
});

describe('export request in the seeds’ query form', () => {
  let economic: Scenario;
  let uniconta: Scenario;

  beforeAll(async () => {
    economic = await createScenario('economic', 2, 'Query export');
    uniconta = await createScenario('uniconta', 1, 'Query export');
  });

  it('exports with the options in the query and no body: layout, booleans in any case, omitted invoices', async () => {
    // Prepare
    const [first, second] = await createInvoices(economic, 3, '2031-05');

    // Act
    const response = await economic.tenant.resellerApi.post(
      `/integration/economic/invoice/draft?invoiceDate=2031-05-01&layout=19&groupInvoiceLines=TRUE&externalLicenses=0&invoicesToOmit=${first},${second}`,
    );

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ success: true, total: 3, exported: 1 });
    const job = await economic.tenant.resellerApi.get(`/integration/exports/${response.body.exportId}`);
    expect(job.body.options).toMatchObject({
      invoiceDate: '2031-05-01',
      layout: 19,
      groupInvoiceLines: true,
      externalLicenses: false,
      invoicesToOmit: [first, second],
    });
  });

  it('reads a repeated invoicesToOmit key as the list', async () => {
    // Prepare
    const [first, second] = await createInvoices(economic, 2, '2031-06');

    // Act
    const response = await economic.tenant.resellerApi.post(
      `/integration/economic/invoice/draft?invoiceDate=2031-06-01&invoicesToOmit=${first}&invoicesToOmit=${second}`,
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, total: 2, exported: 0 });
  });

  it('lets the body win field by field over the query', async () => {
    // Prepare
    await createInvoices(economic, 1, '2031-07');

    // Act: the query's month has nothing, the body's has the invoice; the query's flag stays
    const response = await economic.tenant.resellerApi.post(
      '/integration/economic/invoice/draft?invoiceDate=2031-01-01&groupInvoiceLines=1',
      { invoiceDate: '2031-07-01' },
    );

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ total: 1, exported: 1 });
    const job = await economic.tenant.resellerApi.get(`/integration/exports/${response.body.exportId}`);
    expect(job.body.options).toMatchObject({ invoiceDate: '2031-07-01', groupInvoiceLines: true });
  });

  it('exports to Uniconta with the query alone', async () => {
    // Prepare
    await createInvoices(uniconta, 1, '2031-05');

    // Act
    const response = await uniconta.tenant.resellerApi.post(
      '/integration/uniconta/invoice/draft?invoiceDate=2031-05-01',
    );

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ success: true, total: 1, exported: 1 });
  });

  it('refuses an e-conomic layout the agreement does not have as 422 multiple naming layout, beside the other problems', async () => {
    // Prepare: one customer whose number e-conomic does not know
    await createInvoices(economic, 2, '2031-08');
    await (await admin()).patch(`/customer/${economic.customers[1]!.id}`, {
      finance: { accountingSystemId: '987654321' },
    });

    // Act
    const inBody = await economic.tenant.resellerApi.post('/integration/economic/invoice/draft', {
      invoiceDate: '2031-08-01',
      layout: 987_654,
    });
    const inQuery = await economic.tenant.resellerApi.post(
      '/integration/economic/invoice/draft?invoiceDate=2031-08-01&layout=987654',
    );

    // Assess
    for (const response of [inBody, inQuery]) {
      expect(response.status).toBe(422);
      expect(response.body.message).toBe('multiple');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { status: 422, message: 'layout', description: 'Layout not found in e-conomic: 987654' },
          expect.objectContaining({ message: 'economic.customer' }),
        ]),
      );
    }
  });
});
