import Big from 'big.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { adminClient, createProduct, createTenant, type Tenant } from './support/fixtures.ts';

/**
 * Every amount Faktura accepts is stored and summed exactly (packages/domain/src/invoice/README.md,
 * "Limits"): a unit amount up to 1,000,000,000 kr, a line (units × unit amount, each price column) up
 * to 10,000,000,000 kr, an invoice's lines up to 100,000,000,000 kr in sum. Beyond them the request is
 * a 422 naming the field, never a 500 nor an inexact total.
 */
let tenant: Tenant;
let platform: FakturaClient;
let cheap: { _id: string };
let dear: { _id: string };

beforeAll(async () => {
  platform = await adminClient();
  tenant = await createTenant('Money limits');
  cheap = await createProduct({ name: 'Minutter', unitCost: 0.01, unitWholesale: 0.02, unitPrice: 0.0375 });
  dear = await createProduct({ name: 'Anlæg', unitCost: 1e9, unitWholesale: 1e9, unitPrice: 1e9 });
});

describe('POST /invoice', () => {
  it('refuses a line whose amount is beyond the limit, naming the price it sets', async () => {
    // Act
    const response = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        lines: [
          { product: cheap._id, units: 1 },
          { product: cheap._id, units: 1e9, unitPrice: 1e9 },
        ],
      },
    });

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error).toEqual({
      status: 422,
      message: 'lines[1].unitPrice',
      description: 'Line amount is beyond 10000000000 kr (units × unit price)',
    });
  });

  it('names the units when the product’s own price makes the line too large', async () => {
    // Act
    const response = await platform.POST('/invoice', {
      body: {
        customer: tenant.customer,
        lines: [{ product: dear._id, units: 11 }],
      },
    });

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error).toEqual({
      status: 422,
      message: 'lines[0].units',
      description: 'Line amount is beyond 10000000000 kr (units × unit cost)',
    });
  });

  it('refuses lines whose amounts add up beyond the invoice limit', async () => {
    // Act: eleven lines of 9,999,999,999.99 kr each
    const response = await tenant.resellerClient.POST('/invoice', {
      body: {
        customer: tenant.customer,
        lines: Array.from({ length: 11 }, () => ({
          product: cheap._id,
          units: 999_999_999.999,
          unitPrice: 10,
        })),
      },
    });

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error).toEqual({
      status: 422,
      message: 'lines',
      description: 'The lines add up to more than 100000000000 kr (unit price column)',
    });
  });

  it('stores and sums exactly an invoice at the limits, to the øre', async () => {
    // Prepare: amounts with øre at the top of the range, where a double has no øre left to spare
    const lines = [
      ...Array.from({ length: 9 }, () => ({ product: cheap._id, units: 999_999_999.999, unitPrice: 10 })),
      { product: cheap._id, units: 333_333_333.333_333, unitPrice: 29.9999 },
      { product: cheap._id, units: -0.000001, unitPrice: 0.0001 },
      { product: cheap._id, units: 0.07, unitPrice: 0.1 },
    ];
    const expected = lines.reduce(
      (sum, line) => sum.plus(new Big(line.units).times(line.unitPrice).round(2, Big.roundHalfUp)),
      new Big(0),
    );

    // Act
    const created = await tenant.resellerClient.POST('/invoice', {
      body: { customer: tenant.customer, lines },
    });
    const read = await tenant.resellerClient.GET('/invoice/{id}', {
      params: { path: { id: created.data!._id } },
    });

    // Assess
    expect(created.response.status).toBe(201);
    expect(new Big(created.data!.subTotal).eq(expected)).toBe(true);
    expect(created.data!.subTotal).toBe(Number(expected.toFixed(2)));
    expect(read.data!.subTotal).toBe(created.data!.subTotal);
    expect(read.data!.vat).toBe(Number(expected.times('0.25').round(2, Big.roundHalfUp).toFixed(2)));
    expect(new Big(read.data!.total).eq(new Big(read.data!.subTotal).plus(read.data!.vat))).toBe(true);
  });
});

describe('POST /invoice/current', () => {
  it('refuses an item whose line would be beyond the limit when the month is closed', async () => {
    // Act
    const overridden = await tenant.resellerClient.POST('/invoice/current', {
      body: {
        customer: tenant.customer,
        product: cheap._id,
        units: 1e9,
        unitPrice: 1e9,
      },
    });
    const byProductPrice = await platform.POST('/invoice/current', {
      body: {
        customer: tenant.customer,
        product: dear._id,
        units: 10.5,
        recurrence: 'MONTHLY',
      },
    });

    // Assess
    expect(overridden.response.status).toBe(422);
    expect(overridden.error).toEqual({
      status: 422,
      message: 'unitPrice',
      description: 'Line amount is beyond 10000000000 kr (units × unit price)',
    });
    expect(byProductPrice.response.status).toBe(422);
    expect(byProductPrice.error).toEqual({
      status: 422,
      message: 'units',
      description: 'Line amount is beyond 10000000000 kr (units × unit cost)',
    });
  });

  it('takes an item at the limit', async () => {
    // Act
    const response = await tenant.resellerClient.POST('/invoice/current', {
      body: {
        customer: tenant.customer,
        product: dear._id,
        units: 10,
      },
    });

    // Assess
    expect(response.response.status).toBe(201);
  });
});
