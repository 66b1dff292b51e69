import { beforeAll, describe, expect, it } from 'vitest';
import { admin, adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

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
  const created = await tenant.resellerClient.POST('/invoice', {
    body: {
      customer: tenant.customer,
      sent: true,
      lines: [
        { product: product._id, units: 1, from: '2026-10-01', to: '2026-10-31' },
        { product: product._id, units: 2, from: '2026-10-01', to: '2026-10-31' },
      ],
    },
  });
  if (!created.data) throw new Error(`invoice: ${created.response.status} ${JSON.stringify(created.error)}`);
  invoiceId = created.data._id;
});

describe('ids in upper case', () => {
  it('GET /customer/{ID} in upper case finds the customer and answers its id in lower case', async () => {
    // Act
    const response = await tenant.resellerClient.GET('/customer/{id}', {
      params: { path: { id: upper(tenant.customer) } },
    });

    // Assess
    expect(response.response.status).toBe(200);
    expect(response.data!._id).toBe(tenant.customer);
    expect(response.data!._id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('POST /invoice with an upper-case customer and product creates the invoice, naming them in lower case', async () => {
    // Act
    const response = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: upper(tenant.customer),
        reseller: upper(tenant.reseller),
        lines: [{ product: upper(product._id), units: 1 }],
      },
    });

    // Assess
    expect(response.response.status).toBe(201);
    expect(response.data!.customer).toBe(tenant.customer);
    expect(response.data!.lines.map((line: { product: string }) => line.product)).toEqual([product._id]);
  });

  it('GET /invoice/{ID} in upper case finds the invoice, and its timeline too', async () => {
    // Act
    const invoice = await tenant.resellerClient.GET('/invoice/{id}', {
      params: { path: { id: upper(invoiceId) } },
    });
    const timeline = await tenant.resellerClient.GET('/invoice/{id}/timeline', {
      params: { path: { id: upper(invoiceId) } },
    });

    // Assess
    expect(invoice.response.status).toBe(200);
    expect(invoice.data!._id).toBe(invoiceId);
    expect(timeline.response.status).toBe(200);
  });

  it('marks invoices exported with upper-case invoice ids, and lists them in lower case', async () => {
    // Act
    const marked = await tenant.resellerClient.POST('/invoices/mark-as-exported', {
      body: {
        invoices: [{ invoice_id: upper(invoiceId), system_id: 'upper-case-client' }],
      },
    });
    const pending = await tenant.resellerClient.GET('/invoices/export', {
      params: { query: { system_id: 'upper-case-client' } },
    });

    // Assess
    expect(marked.response.status).toBe(200);
    expect(JSON.stringify(marked.data)).not.toMatch(/[0-9A-F]{24}/);
    expect(JSON.stringify(marked.data)).toContain(invoiceId);
    expect(pending.response.status).toBe(200);
    expect(pending.data!.invoices.map((invoice: { _id: string }) => invoice._id)).not.toContain(invoiceId);
  });

  it('reads upper-case ids in query strings: ?customer= and ?reseller=', async () => {
    // Prepare
    const platform = await adminClient();

    // Act
    const items = await tenant.resellerClient.GET('/invoice/current', {
      params: { query: { customer: upper(tenant.customer) } },
    });
    const customers = await platform.GET('/customer', {
      params: { query: { reseller: upper(tenant.reseller) } },
    });

    // Assess
    expect(items.response.status).toBe(200);
    expect(customers.response.status).toBe(200);
    expect(customers.data!.customers).toEqual(
      expect.arrayContaining([expect.objectContaining({ _id: tenant.customer })]),
    );
  });

  it('GET /product/{ID} and /reseller/{ID} in upper case find them', async () => {
    // Prepare
    const platform = await adminClient();

    // Act
    const foundProduct = await platform.GET('/product/{id}', {
      params: { path: { id: upper(product._id) } },
    });
    const foundReseller = await platform.GET('/reseller/{id}', {
      params: { path: { id: upper(tenant.reseller) } },
    });

    // Assess
    expect(foundProduct.response.status).toBe(200);
    expect(foundProduct.data!._id).toBe(product._id);
    expect(foundReseller.response.status).toBe(200);
    expect(foundReseller.data!._id).toBe(tenant.reseller);
  });

  it('answers another tenant’s id in upper case 404, like in lower case', async () => {
    // Act
    const lower = await other.resellerClient.GET('/invoice/{id}', { params: { path: { id: invoiceId } } });
    const upperCase = await other.resellerClient.GET('/invoice/{id}', {
      params: { path: { id: upper(invoiceId) } },
    });

    // Assess
    expect(lower.response.status).toBe(404);
    expect(upperCase.response.status).toBe(404);
    expect(upperCase.error?.message).toBe('not_found');
  });

  it('still refuses a path id that is no id at all with 400', async () => {
    // Act
    const path = await tenant.resellerClient.GET('/invoice/{id}', {
      params: { path: { id: '1234567890ABCDEF1234567G' } },
    });

    // Assess
    expect(path.response.status).toBe(400);
    expect(path.error?.message).toBe('bad_request');
  });
});

describe('query booleans', () => {
  const lineCount = async (query: string) => {
    const response = await tenant.resellerClient.GET('/invoice/{id}', {
      params: { path: { id: invoiceId }, query: { groupInvoiceLines: query } },
    });
    expect(response.response.status).toBe(200);
    return response.data!.lines.length;
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
    expect(await lineCount(value)).toBe(lines);
  });

  it.each(['yes', 'no', 'on', '2'])('groupInvoiceLines=%s is 422 naming the parameter', async (value) => {
    // Act
    // Untyped on purpose: a value the parameter's pattern does not take.
    const response = await tenant.resellerApi.get(`/invoice/${invoiceId}?groupInvoiceLines=${value}`);

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('groupInvoiceLines');
  });

  it('externalLicenses=TRUE and =1 answer the same as =true', async () => {
    // Act
    const [lower, upperCase, one] = await Promise.all(
      ['true', 'TRUE', '1'].map((value) =>
        tenant.resellerClient.GET('/invoice/{id}', {
          params: { path: { id: invoiceId }, query: { externalLicenses: value } },
        }),
      ),
    );

    // Assess
    expect(upperCase!.response.status).toBe(200);
    expect(upperCase!.data).toEqual(lower!.data);
    expect(one!.data).toEqual(lower!.data);
  });

  it('GET /integration/{system}/settings takes platform=TRUE and refuses platform=yes naming it', async () => {
    // Prepare
    const platform = await adminClient();

    // Act
    const settings = (value: string) =>
      platform.GET('/integration/{system}/settings', {
        params: { path: { system: 'economic' }, query: { platform: value } },
      });
    const upperCase = await settings('TRUE');
    const lower = await settings('true');
    // Untyped on purpose: a value the parameter's pattern does not take.
    const yes = await (await admin()).get('/integration/economic/settings?platform=yes');

    // Assess
    expect(upperCase.response.status).toBe(lower.response.status);
    expect(upperCase.data).toEqual(lower.data);
    expect(yes.status).toBe(422);
    expect(yes.body.message).toBe('platform');
  });
});
