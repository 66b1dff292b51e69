import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { Caller } from '#domain/caller';
import { idPath, objectId, queryBoolean } from '../../src/common.ts';
import { readCreateInvoiceRequest } from '../../src/invoice-request.ts';

const upper = '65F0000000000000000ABC01';
const lower = '65f0000000000000000abc01';

describe('objectId and idPath', () => {
  it('read an id in either case as its lowercase, stored form', () => {
    // Act
    const query = objectId('Customer is invalid').safeParse(upper);
    const path = idPath.safeParse({ id: upper });

    // Assess
    expect(query.data).toBe(lower);
    expect(path.data).toEqual({ id: lower });
  });

  it.each(['65f0000000000000000abc0', 'z'.repeat(24), ''])(
    'refuse %j with the route’s own description',
    (id) => {
      // Act
      const result = objectId('Customer is invalid').safeParse(id);

      // Assess
      expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Customer is invalid']);
    },
  );
});

describe('queryBoolean', () => {
  const query = z.object({ groupLines: z.optional(queryBoolean('groupLines')) });

  it.each([
    ['TRUE', true],
    ['1', true],
    ['True', true],
    ['0', false],
    ['False', false],
  ])('reads %s as %s', (value, expected) => {
    // Act / Assess
    expect(query.parse({ groupLines: value })).toEqual({ groupLines: expected });
  });

  it('refuses yes, naming the parameter', () => {
    // Act
    const result = query.safeParse({ groupLines: 'yes' });

    // Assess
    expect(result.error?.issues).toMatchObject([
      { path: ['groupLines'], message: 'groupLines must be true or false (or 1/0)' },
    ]);
  });

  it('takes the bare flag as true only where the route says so', () => {
    // Act / Assess
    expect(queryBoolean('a', { bare: true }).parse('')).toBe(true);
    expect(queryBoolean('a').safeParse('').success).toBe(false);
  });
});

describe('readCreateInvoiceRequest with upper-case ids', () => {
  it('reads the customer, reseller, products and current invoices in lower case', () => {
    // Prepare
    const admin: Caller = { userId: 'admin-1', role: 'ADMIN' };
    const reseller = '65F000000000000000000001';
    const product = '65F0000000000000000002AB';
    const item = '65F0000000000000000003CD';

    // Act
    const { request, problems } = readCreateInvoiceRequest(
      { customer: upper, reseller, lines: [{ product, units: 1 }], currentInvoices: [item] },
      admin,
      new Date('2026-11-14T23:00:00.000Z'),
    );

    // Assess
    expect(problems).toEqual([]);
    expect(request).toMatchObject({
      customer: lower,
      reseller: reseller.toLowerCase(),
      lines: [{ index: 0, product: product.toLowerCase(), units: 1 }],
      productRefs: [{ index: 0, product: product.toLowerCase() }],
      currentInvoices: [item.toLowerCase()],
    });
  });

  it('takes a RESELLER’s own reseller id in upper case as its own', () => {
    // Prepare
    const staff: Caller = { userId: 'staff-a', role: 'RESELLER', reseller: '65f000000000000000000001' };

    // Act
    const { problems } = readCreateInvoiceRequest(
      { customer: upper, reseller: '65F000000000000000000001', lines: [{ product: lower, units: 1 }] },
      staff,
      new Date('2026-11-14T23:00:00.000Z'),
    );

    // Assess
    expect(problems).toEqual([]);
  });
});
