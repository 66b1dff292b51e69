import { describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import { readCreateInvoiceRequest } from '../../src/invoice-request.ts';

const customer = '65f000000000000000000101';
const product = '65f000000000000000000201';
const today = new Date('2026-11-14T23:00:00.000Z');
const staff: Caller = { userId: 'staff-a', role: 'RESELLER', reseller: '65f000000000000000000001' };
const admin: Caller = { userId: 'admin-1', role: 'ADMIN' };

const bodies = (problems: { toBody(): unknown }[]) => problems.map((problem) => problem.toBody());

describe('readCreateInvoiceRequest', () => {
  it('reads a well-formed request into its fields, with every product id it names', () => {
    // Act
    const { request, problems } = readCreateInvoiceRequest(
      {
        customer,
        headline: '  November  ',
        invoiceNumber: 'F-1001',
        lines: [{ product, units: 2, unitPrice: 12.5, from: '2026-11-01', to: '2026-11-30' }],
      },
      staff,
      today,
    );

    // Assess
    expect(problems).toEqual([]);
    expect(request).toEqual({
      customer,
      reseller: undefined,
      sent: false,
      paid: false,
      invoiceNumber: 'F-1001',
      invoiceDate: undefined,
      dueDate: undefined,
      headline: 'November',
      lines: [{ index: 0, product, units: 2, unitPrice: 12.5, from: '2026-11-01', to: '2026-11-30' }],
      productRefs: [{ index: 0, product }],
      currentInvoices: [],
    });
  });

  it('reports every problem of the body at once, each under its own key', () => {
    // Act
    const { request, problems } = readCreateInvoiceRequest(
      {
        customer: 'nope',
        extra: 1,
        dueDate: '2026-11-01',
        lines: [{ product, units: 0, unitCost: 1, colour: 'red' }, 'x'],
      },
      staff,
      today,
    );

    // Assess
    expect(bodies(problems)).toEqual([
      { status: 422, message: 'body', description: 'Unknown field(s): extra' },
      { status: 404, message: 'customer', description: 'Customer not found' },
      { status: 422, message: 'dueDate', description: 'Due date is invalid or in the past' },
      { status: 422, message: 'lines[0]', description: 'Unknown field(s): colour' },
      { status: 422, message: 'lines[0].units', description: 'Units is invalid' },
      {
        status: 422,
        message: 'lines[0].unitCost',
        description: 'Unit cost is invalid: only ADMIN may set it',
      },
      { status: 422, message: 'lines[1]', description: 'Line is invalid' },
    ]);
    expect(request.lines).toEqual([]);
    expect(request.productRefs).toEqual([{ index: 0, product }]);
  });

  it('lets ADMIN override the platform’s prices and name any reseller', () => {
    // Act
    const { request, problems } = readCreateInvoiceRequest(
      {
        customer,
        reseller: '65f000000000000000000002',
        lines: [{ product, units: 1, unitCost: 1, unitWholesale: 2 }],
      },
      admin,
      today,
    );

    // Assess
    expect(problems).toEqual([]);
    expect(request.reseller).toBe('65f000000000000000000002');
    expect(request.lines[0]).toMatchObject({ unitCost: 1, unitWholesale: 2 });
  });

  it('refuses a RESELLER naming another reseller as not found', () => {
    // Act
    const { problems } = readCreateInvoiceRequest(
      { customer, reseller: '65f000000000000000000002', lines: [{ product, units: 1 }] },
      staff,
      today,
    );

    // Assess
    expect(bodies(problems)).toEqual([
      { status: 404, message: 'reseller', description: 'Reseller not found' },
    ]);
  });

  it('says there is nothing to invoice without lines or items, unless the item list itself is wrong', () => {
    // Act
    const empty = readCreateInvoiceRequest({ customer }, staff, today).problems;
    const repeated = readCreateInvoiceRequest(
      { customer, currentInvoices: [product, product] },
      staff,
      today,
    ).problems;

    // Assess
    expect(bodies(empty)).toEqual([{ status: 422, message: 'lines', description: 'Nothing to invoice' }]);
    expect(bodies(repeated)).toEqual([
      {
        status: 422,
        message: 'currentInvoices',
        description: 'Current invoices must be a list of at most 80 distinct item ids',
      },
    ]);
  });

  it('takes a due date on a later invoice date, not before it', () => {
    // Act
    const onTime = readCreateInvoiceRequest(
      { customer, invoiceDate: '2026-12-01', dueDate: '2026-12-01', lines: [{ product, units: 1 }] },
      staff,
      today,
    );
    const early = readCreateInvoiceRequest(
      { customer, invoiceDate: '2026-12-01', dueDate: '2026-11-20', lines: [{ product, units: 1 }] },
      staff,
      today,
    );

    // Assess
    expect(onTime.problems).toEqual([]);
    expect(bodies(early.problems)).toEqual([
      { status: 422, message: 'dueDate', description: 'Due date is invalid or in the past' },
    ]);
  });
});
