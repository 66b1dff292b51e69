import { describe, expect, it, vi } from 'vitest';
import { invoiceTimeline } from '#app/invoices/invoice-timeline';
import { listInvoices } from '#app/invoices/list-invoices';
import { requireVisibleInvoice } from '#app/invoices/visible-invoice';
import type { Invoice } from '#domain/invoice/model';
import {
  admin,
  customer,
  customerId,
  resellerA,
  resellerB,
  staffOfA,
  staffOfB,
  userOfCustomer,
} from '../fixtures.ts';
import { refusalOf } from '../refusal.ts';

const invoiceId = '65f000000000000000000501';
const invoice = (customerOfInvoice = customerId) =>
  ({ id: invoiceId, reseller: resellerA, customer: customerOfInvoice }) as Invoice;
const header = (customerOfInvoice = customerId) => ({ ...invoice(customerOfInvoice), lineCount: 1 });
const notFound = { status: 404, message: 'not_found', description: 'Not found' };

const readPorts = (customerOfInvoice = customerId) => ({
  directory: {
    lookUp: vi.fn(async () => ({ id: invoiceId, kind: 'invoice' as const, reseller: resellerA })),
  },
  invoices: {
    getInvoice: vi.fn(async (tenant: string) =>
      tenant === resellerA ? { invoice: invoice(customerOfInvoice) } : undefined,
    ),
    getInvoiceHeader: vi.fn(async (tenant: string) =>
      tenant === resellerA ? header(customerOfInvoice) : undefined,
    ),
    getTimeline: vi.fn(async () => [
      { at: '2026-11-15T10:00:00.000Z', event: 'created', by: 'a@a.test' },
      { at: '2026-11-16T10:00:00.000Z', event: 'exported', by: 'a@a.test', system: 'e-conomic', note: 'ok' },
    ]),
  },
});

describe('requireVisibleInvoice', () => {
  it('finds ADMIN’s invoice through the directory and a RESELLER’s in its own tenant', async () => {
    // Prepare
    const ports = readPorts();

    // Act
    const [byAdmin, byReseller] = [
      await requireVisibleInvoice(ports, admin, invoiceId),
      await requireVisibleInvoice(ports, staffOfA, invoiceId),
    ];

    // Assess
    expect(byAdmin).toEqual({ invoice: invoice() });
    expect(byReseller).toEqual({ invoice: invoice() });
    expect(ports.directory.lookUp).toHaveBeenCalledExactlyOnceWith(invoiceId, 'invoice');
    expect(ports.invoices.getInvoice.mock.calls).toEqual([
      [resellerA, invoiceId],
      [resellerA, invoiceId],
    ]);
  });

  it('answers not_found to another tenant and to a USER of another customer', async () => {
    // Prepare
    const ports = readPorts('65f0000000000000000001ff');

    // Act
    const [other, otherCustomer] = [
      await refusalOf(requireVisibleInvoice(ports, staffOfB, invoiceId)),
      await refusalOf(requireVisibleInvoice(ports, userOfCustomer, invoiceId)),
    ];

    // Assess
    expect(other).toEqual(notFound);
    expect(otherCustomer).toEqual(notFound);
    expect(ports.invoices.getInvoice).toHaveBeenCalledWith(resellerB, invoiceId);
  });
});

describe('invoiceTimeline', () => {
  it('shows staff every entry and the USER only its own events, bare', async () => {
    // Prepare
    const ports = readPorts();

    // Act
    const [staff, user] = [
      await invoiceTimeline(ports, staffOfA, invoiceId),
      await invoiceTimeline(ports, userOfCustomer, invoiceId),
    ];

    // Assess
    expect(staff.timeline).toHaveLength(2);
    expect(user).toEqual({
      invoice: invoiceId,
      timeline: [{ at: '2026-11-15T10:00:00.000Z', event: 'created' }],
    });
    expect(ports.invoices.getTimeline).toHaveBeenCalledWith(resellerA, invoiceId);
  });

  it('answers not_found for another tenant’s invoice without reading its timeline', async () => {
    // Prepare
    const ports = readPorts();

    // Act
    const refusal = await refusalOf(invoiceTimeline(ports, staffOfB, invoiceId));

    // Assess
    expect(refusal).toEqual(notFound);
    expect(ports.invoices.getTimeline).not.toHaveBeenCalled();
  });
});

describe('listInvoices', () => {
  const listPorts = () => ({
    customers: {
      getCustomer: vi.fn(async (tenant: string, id: string) =>
        tenant === resellerA && id === customerId ? customer() : undefined,
      ),
    },
    directory: {
      lookUp: vi.fn(async () => ({ id: customerId, kind: 'customer' as const, reseller: resellerA })),
    },
    invoices: { listInvoices: vi.fn(async () => ({ invoices: [], more: false })) },
  });
  const window = { offset: 0, limit: 100 };

  it('lists the RESELLER’s tenant between the dates given', async () => {
    // Prepare
    const ports = listPorts();

    // Act
    await listInvoices(ports, staffOfA, {
      ...window,
      fromDate: new Date('2026-11-01T00:00:00.000Z'),
      toDate: new Date('2026-11-30T00:00:00.000Z'),
    });

    // Assess
    expect(ports.invoices.listInvoices).toHaveBeenCalledWith({
      reseller: resellerA,
      customer: undefined,
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
      offset: 0,
      limit: 100,
    });
  });

  it('lists a USER’s own customer whatever it names, and refuses another customer', async () => {
    // Prepare
    const ports = listPorts();

    // Act
    await listInvoices(ports, userOfCustomer, window);
    const refusal = await refusalOf(
      listInvoices(ports, userOfCustomer, { ...window, customer: '65f0000000000000000001ff' }),
    );

    // Assess
    expect(ports.invoices.listInvoices).toHaveBeenCalledWith(
      expect.objectContaining({ reseller: resellerA, customer: customerId }),
    );
    expect(refusal).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
  });

  it('finds ADMIN’s tenant from the customer, and refuses a customer of another named reseller', async () => {
    // Prepare
    const ports = listPorts();

    // Act
    await listInvoices(ports, admin, { ...window, customer: customerId });
    const mismatch = await refusalOf(
      listInvoices(ports, admin, { ...window, customer: customerId, reseller: resellerB }),
    );
    const unnamed = await refusalOf(listInvoices(ports, admin, window));

    // Assess
    expect(ports.invoices.listInvoices).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ reseller: resellerA, customer: customerId }),
    );
    expect(mismatch).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
    expect(unnamed).toEqual({
      status: 422,
      message: 'reseller',
      description: 'ADMIN must name a reseller or a customer',
    });
  });

  it('refuses a RESELLER naming another reseller, and another tenant’s customer', async () => {
    // Prepare
    const ports = listPorts();

    // Act
    const named = await refusalOf(listInvoices(ports, staffOfA, { ...window, reseller: resellerB }));
    const foreign = await refusalOf(listInvoices(ports, staffOfB, { ...window, customer: customerId }));

    // Assess
    expect(named).toEqual({ status: 403, message: 'access_denied', description: 'Access denied' });
    expect(foreign).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
    expect(ports.invoices.listInvoices).not.toHaveBeenCalled();
  });
});
