import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from './support/fixtures.ts';

/**
 * POST /integration/{system}/invoice/draft takes its options from the body or, as the seed shows,
 * from the query string. A bad value is the caller's mistake wherever it comes from: 422 naming
 * the option, never a 500.
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
    ['adminMode=1', 'adminMode'],
    ['externalLicenses=TRUE', 'externalLicenses'],
    ['reseller=nope', 'reseller'],
  ])('refuses ?%s with 422 naming %s', async (query, field) => {
    // Act
    const response = await tenant.resellerApi.post(`/integration/economic/invoice/draft?${query}`, {});

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.message).toBe(field);
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
