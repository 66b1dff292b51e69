import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * Control characters never get into the data: names and texts end up in CSVs, e-mails and the
 * accounting systems' drafts. The handler kit refuses them in every request body (and query value
 * and Idempotency-Key), so every route answers alike, with 422 naming each field, and writes nothing.
 */
const refusal = (key: string, codePoint: string) => ({
  status: 422,
  message: key,
  description: `${key} contains a control character (${codePoint}); only tab and line feed are allowed in text`,
});

describe('control characters in request texts', () => {
  let tenant: Tenant;
  let platform: FakturaClient;
  let product: { _id: string };

  beforeAll(async () => {
    platform = await adminClient();
    tenant = await createTenant('Control characters');
    product = await createProduct({ kind: 'one-off' });
  });

  it('refuses a customer name with a NUL and a street with an escape sequence, and creates nothing', async () => {
    // Prepare
    const before = await tenant.resellerClient.GET('/customer');

    // Act
    const response = await tenant.resellerClient.POST('/customer', {
      body: {
        name: 'Køge\u0000Blomster',
        address: { street: 'Torvet \u001b[2J1', zip: '4600', city: 'Køge', country: 'DK' },
      },
    });
    const after = await tenant.resellerClient.GET('/customer');

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error).toEqual({
      status: 422,
      message: 'multiple',
      description: '2 problems were found in the request',
      errors: [refusal('name', 'U+0000'), refusal('address.street', 'U+001B')],
    });
    expect(after.data).toEqual(before.data);
  });

  it('refuses an invoice line description with a C1 character, and bills nothing', async () => {
    // Act
    const response = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        lines: [
          { product: product._id, units: 1 },
          { product: product._id, units: 1, description: 'Opsætning\u0085 af router' },
        ],
      },
    });
    const invoices = await tenant.resellerClient.GET('/invoice');

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error).toEqual(refusal('lines[1].description', 'U+0085'));
    expect(invoices.data!.invoices).toEqual([]);
  });

  it('refuses a product name with a lone surrogate and one with a carriage return', async () => {
    // Act
    const surrogate = await platform.POST('/product', {
      body: {
        productCode: 'CTRL1',
        name: 'Half \ud83d a pair',
        unitType: 'UNITS',
        unitCost: 1,
        unitWholesale: 2,
        unitPrice: 3,
        kind: 'one-off',
      },
    });
    const carriageReturn = await platform.POST('/product', {
      body: {
        productCode: 'CTRL2',
        name: 'Header\r\nInjected: yes',
        unitType: 'UNITS',
        unitCost: 1,
        unitWholesale: 2,
        unitPrice: 3,
        kind: 'one-off',
      },
    });

    // Assess
    expect(surrogate.error).toEqual(refusal('name', 'U+D83D'));
    expect(carriageReturn.error).toEqual(refusal('name', 'U+000D'));
  });

  it('keeps tabs, line feeds and every other character as sent', async () => {
    // Act
    const created = await tenant.resellerClient.POST('/customer', {
      body: {
        name: 'Ærø\tFærgefart 🚢',
        address: { street: 'Havnen 1\nBaghuset' },
      },
    });

    // Assess
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      name: 'Ærø\tFærgefart 🚢',
      address: { street: 'Havnen 1\nBaghuset' },
    });
  });
});
