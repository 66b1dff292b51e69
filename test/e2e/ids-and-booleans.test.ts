import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * Issue 12, items 10 and 11: a client written against the seeds (docs/seeds/), whose own examples
 * write ids in upper case (`1234567890ABCDEF12345678`) and whose booleans may be `TRUE` or `1`.
 * Either case names the same id and the answer gives it in lower case; query booleans are
 * true/false/1/0 in any case, and anything else is `422` naming the parameter.
 */
let tenant: Tenant;
let other: Tenant;
let product: { _id: string };
let invoiceId: string;

const upper = (id: string) => id.toUpperCase();

beforeAll(async () => {
  tenant = await createTenant('Upper ids');
  other = await createTenant('Other tenant');
  product = await createProduct({ name: 'Nummerleje', unitWholesale: 20, unitPrice: 25 });
  const created = await tenant.resellerApi.post('/invoice', {
    customer: tenant.customer,
    sent: true,
    lines: [
      { product: product._id, units: 1, from: '2026-10-01', to: '2026-10-31' },
      { product: product._id, units: 2, from: '2026-10-01', to: '2026-10-31' },
    ],
  });
  if (created.status !== 201) throw new Error(`invoice: ${created.status} ${created.text}`);
  invoiceId = created.body._id;
});

describe('ids in upper case', () => {
  it('GET /customer/{ID} in upper case finds the customer and answers its id in lower case', async () => {
    // Act
    const response = await tenant.resellerApi.get(`/customer/${upper(tenant.customer)}`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body._id).toBe(tenant.customer);
    expect(response.body._id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('POST /invoice with an upper-case customer and product creates the invoice, naming them in lower case', async () => {
    // Act
    const response = await tenant.resellerApi.post('/invoice', {
      customer: upper(tenant.customer),
      reseller: upper(tenant.reseller),
      lines: [{ product: upper(product._id), units: 1 }],
    });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.customer).toBe(tenant.customer);
    expect(response.body.lines.map((line: { product: string }) => line.product)).toEqual([product._id]);
  });

  it('GET /invoice/{ID} in upper case finds the invoice, and its timeline too', async () => {
    // Act
    const invoice = await tenant.resellerApi.get(`/invoice/${upper(invoiceId)}`);
    const timeline = await tenant.resellerApi.get(`/invoice/${upper(invoiceId)}/timeline`);

    // Assess
    expect(invoice.status).toBe(200);
    expect(invoice.body._id).toBe(invoiceId);
    expect(timeline.status).toBe(200);
  });

  it('marks invoices exported with upper-case invoice ids, and lists them in lower case', async () => {
    // Act
    const marked = await tenant.resellerApi.post('/invoices/mark-as-exported', {
      invoices: [{ invoice_id: upper(invoiceId), system_id: 'upper-case-client' }],
    });
    const pending = await tenant.resellerApi.get('/invoices/export?system_id=upper-case-client');

    // Assess
    expect(marked.status).toBe(200);
    expect(JSON.stringify(marked.body)).not.toMatch(/[0-9A-F]{24}/);
    expect(JSON.stringify(marked.body)).toContain(invoiceId);
    expect(pending.status).toBe(200);
    expect(pending.body.invoices.map((invoice: { _id: string }) => invoice._id)).not.toContain(invoiceId);
  });

  it('reads upper-case ids in query strings: ?customer= and ?reseller=', async () => {
    // Prepare
    const platform = await admin();

    // Act
    const items = await tenant.resellerApi.get(`/invoice/current?customer=${upper(tenant.customer)}`);
    const customers = await platform.get(`/customer?reseller=${upper(tenant.reseller)}`);

    // Assess
    expect(items.status).toBe(200);
    expect(customers.status).toBe(200);
    expect(customers.body.customers).toEqual(
      expect.arrayContaining([expect.objectContaining({ _id: tenant.customer })]),
    );
  });

  it('GET /product/{ID} and /reseller/{ID} in upper case find them', async () => {
    // Prepare
    const platform = await admin();

    // Act
    const foundProduct = await platform.get(`/product/${upper(product._id)}`);
    const foundReseller = await platform.get(`/reseller/${upper(tenant.reseller)}`);

    // Assess
    expect(foundProduct.status).toBe(200);
    expect(foundProduct.body._id).toBe(product._id);
    expect(foundReseller.status).toBe(200);
    expect(foundReseller.body._id).toBe(tenant.reseller);
  });

  it('answers another tenant’s id in upper case 404, like in lower case', async () => {
    // Act
    const lower = await other.resellerApi.get(`/invoice/${invoiceId}`);
    const upperCase = await other.resellerApi.get(`/invoice/${upper(invoiceId)}`);

    // Assess
    expect(lower.status).toBe(404);
    expect(upperCase.status).toBe(404);
    expect(upperCase.body.message).toBe('not_found');
  });

  it('still refuses a path id that is no id at all with 400', async () => {
    // Act
    const path = await tenant.resellerApi.get('/invoice/1234567890ABCDEF1234567G');

    // Assess
    expect(path.status).toBe(400);
    expect(path.body.message).toBe('bad_request');
  });
});

describe('query booleans', () => {
  const lineCount = async (query: string) => {
    const response = await tenant.resellerApi.get(`/invoice/${invoiceId}?${query}`);
    expect(response.status).toBe(200);
    return response.body.lines.length as number;
  };

  it.each([
    ['TRUE', 1],
    ['True', 1],
    ['1', 1],
    ['0', 2],
    ['False', 2],
    ['FALSE', 2],
  ])('groupInvoiceLines=%s is understood (%i line(s))', async (value, lines) => {
    // Act / Assess: grouped, the two lines of the same product and period are one.
    expect(await lineCount(`groupInvoiceLines=${value}`)).toBe(lines);
  });

  it.each(['yes', 'no', 'on', '2'])('groupInvoiceLines=%s is 422 naming the parameter', async (value) => {
    // Act
    const response = await tenant.resellerApi.get(`/invoice/${invoiceId}?groupInvoiceLines=${value}`);

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('groupInvoiceLines');
  });

  it('externalLicenses=TRUE and =1 answer the same as =true', async () => {
    // Act
    const [lower, upperCase, one] = await Promise.all(
      ['true', 'TRUE', '1'].map((value) =>
        tenant.resellerApi.get(`/invoice/${invoiceId}?externalLicenses=${value}`),
      ),
    );

    // Assess
    expect(upperCase!.status).toBe(200);
    expect(upperCase!.body).toEqual(lower!.body);
    expect(one!.body).toEqual(lower!.body);
  });

  it('GET /integration/{system}/settings takes platform=TRUE and refuses platform=yes naming it', async () => {
    // Prepare
    const platform = await admin();

    // Act
    const upperCase = await platform.get('/integration/economic/settings?platform=TRUE');
    const lower = await platform.get('/integration/economic/settings?platform=true');
    const yes = await platform.get('/integration/economic/settings?platform=yes');

    // Assess
    expect(upperCase.status).toBe(lower.status);
    expect(upperCase.body).toEqual(lower.body);
    expect(yes.status).toBe(422);
    expect(yes.body.message).toBe('platform');
  });
});
