import { describe, expect, it, vi } from 'vitest';
import type { PageCursors } from '#app/ports/page-cursors';
import { type ExportableInvoiceHeader, InvalidCursorError, type StoredInvoice } from '#app/ports/store';
import {
  listUnexportedInvoices,
  type UnexportedRequest,
} from '../../../src/export-tracking/list-unexported.ts';
import type { ExportTrackingStore, InvoiceStore } from '../../../src/export-tracking/ports.ts';
import {
  admin,
  clock,
  exportSystemsWith,
  now,
  otherReseller,
  refusalOf,
  reseller,
  resellerCaller,
  system,
  user,
} from './support.ts';

const header = (id: string, more: Partial<ExportableInvoiceHeader> = {}) =>
  ({ id, reseller, sent: true, createdAt: '2026-10-05T08:00:00.000Z', ...more }) as ExportableInvoiceHeader;

const fresh = header('a00000000000000000000001');
/** Taken before: the header's summary of the system's mark (the store keeps it under `S#<system>`). */
const taken = header('a00000000000000000000002', {
  exportedTo: { 'S#warehouse': { at: '2026-10-20T00:00:00.000Z' } },
});

const listPorts = (invoices: ExportableInvoiceHeader[] = [fresh, taken], position?: string) => {
  const exportTracking: ExportTrackingStore = {
    listUnexported: vi.fn(async () => ({
      invoices,
      after: invoices.map((invoice) => `after-${invoice.id}`),
      ...(position ? { cursor: position } : {}),
    })),
  };
  const stored: StoredInvoice = {
    invoice: { id: fresh.id, lines: [] } as unknown as StoredInvoice['invoice'],
  };
  const invoiceStore: Pick<InvoiceStore, 'getInvoice'> = { getInvoice: vi.fn(async () => stored) };
  const cursors: PageCursors = {
    open: vi.fn(async (cursor) => (cursor ? `position-of-${cursor}` : undefined)),
    seal: vi.fn(async (next) => (next ? `sealed-${next}` : undefined)),
  };
  return {
    exportSystems: exportSystemsWith('warehouse'),
    exportTracking,
    invoices: invoiceStore,
    cursors,
    clock,
    stored,
  };
};

const request = (more: Partial<UnexportedRequest> = {}): UnexportedRequest => ({
  system: 'warehouse',
  includeNonBooked: false,
  includeLines: false,
  limit: 1000,
  filters: new URLSearchParams(),
  present: (invoice) => invoice,
  ...more,
});

const scope = { list: 'invoices-export#warehouse', tenant: reseller };

describe('listUnexportedInvoices', () => {
  it('pages the RESELLER’s own list for the system, registering it, and seals the next cursor', async () => {
    // Prepare
    const ports = listPorts([fresh, taken], 'store-position-2');

    // Act
    const page = await listUnexportedInvoices(ports, resellerCaller, request({ cursor: 'c1', limit: 10 }));

    // Assess
    expect(ports.cursors.open).toHaveBeenCalledExactlyOnceWith('c1', scope);
    expect(ports.exportSystems.registerExportSystem).toHaveBeenCalledExactlyOnceWith(
      reseller,
      'warehouse',
      now,
    );
    expect(ports.exportTracking.listUnexported).toHaveBeenCalledExactlyOnceWith({
      reseller,
      system: system('warehouse', now.toISOString()),
      accept: expect.any(Function),
      limit: 10,
      cursor: 'position-of-c1',
    });
    expect(ports.cursors.seal).toHaveBeenCalledExactlyOnceWith('store-position-2', scope);
    expect(page).toEqual({
      invoices: [
        { header: fresh, exportedAt: null },
        { header: taken, exportedAt: '2026-10-20T00:00:00.000Z' },
      ],
      cursor: 'sealed-store-position-2',
    });
    expect(ports.invoices.getInvoice).not.toHaveBeenCalled();
  });

  it('asks the store for the limit it is given, no cursor on the last page, and the time a mark must be older than in UTC', async () => {
    // Prepare
    const ports = listPorts([]);

    // Act
    const page = await listUnexportedInvoices(
      ports,
      resellerCaller,
      request({ notExportedSince: '2026-11-01T00:00:00Z' }),
    );

    // Assess
    expect(ports.exportTracking.listUnexported).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        limit: 1000,
        cursor: undefined,
        notExportedSince: '2026-11-01T00:00:00.000Z',
      }),
    );
    expect(page).toEqual({ invoices: [] });
  });

  it('accepts only booked invoices unless drafts are asked for, and applies the filter groups', async () => {
    // Prepare
    const ports = listPorts();
    const filters = new URLSearchParams({
      'filter_groups[0][filters][0][key]': 'created_at',
      'filter_groups[0][filters][0][value]': '2026-10-01',
      'filter_groups[0][filters][0][operator]': 'gt',
    });
    const draft = header('a00000000000000000000003', { sent: false });
    const old = header('a00000000000000000000004', { createdAt: '2026-09-01T00:00:00.000Z' });

    // Act
    await listUnexportedInvoices(ports, resellerCaller, request({ filters }));
    await listUnexportedInvoices(ports, resellerCaller, request({ filters, includeNonBooked: true }));

    // Assess
    const [bookedOnly, withDrafts] = vi
      .mocked(ports.exportTracking.listUnexported)
      .mock.calls.map(([query]) => query.accept);
    expect([fresh, draft, old].map((each) => bookedOnly!(each))).toEqual([true, false, false]);
    expect([fresh, draft, old].map((each) => withDrafts!(each))).toEqual([true, true, false]);
  });

  it('adds each invoice’s lines when they are asked for', async () => {
    // Prepare
    const ports = listPorts([fresh]);

    // Act
    const page = await listUnexportedInvoices(ports, resellerCaller, request({ includeLines: true }));

    // Assess
    expect(ports.invoices.getInvoice).toHaveBeenCalledExactlyOnceWith(reseller, fresh.id);
    expect(page.invoices).toEqual([{ header: fresh, exportedAt: null, invoice: ports.stored.invoice }]);
  });

  it('lists the reseller an ADMIN names', async () => {
    // Prepare
    const ports = listPorts();

    // Act
    await listUnexportedInvoices(ports, admin, request({ reseller: otherReseller }));

    // Assess
    expect(ports.cursors.open).toHaveBeenCalledExactlyOnceWith(undefined, {
      list: 'invoices-export#warehouse',
      tenant: otherReseller,
    });
    expect(ports.exportTracking.listUnexported).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ reseller: otherReseller }),
    );
  });

  it.each([
    ['a RESELLER naming another reseller', resellerCaller, otherReseller, 'Access denied'],
    ['a USER', user, undefined, 'Insufficient access level'],
  ])('refuses %s before it opens the cursor or registers anything', async (_, caller, named, description) => {
    // Prepare
    const ports = listPorts();

    // Act
    const refusal = await refusalOf(
      listUnexportedInvoices(ports, caller, request(named ? { reseller: named } : {})),
    );

    // Assess
    expect(refusal).toEqual({ status: 403, message: 'access_denied', description });
    expect(ports.cursors.open).not.toHaveBeenCalled();
    expect(ports.exportSystems.registerExportSystem).not.toHaveBeenCalled();
    expect(ports.exportTracking.listUnexported).not.toHaveBeenCalled();
  });

  it('refuses bad filter groups with every problem, before it registers the system', async () => {
    // Prepare
    const ports = listPorts();
    const filters = new URLSearchParams({
      'filter_groups[0][filters][0][key]': 'total',
      'filter_groups[0][filters][0][value]': '1',
      'filter_groups[0][filters][0][operator]': 'eq',
      'filter_groups[1][filters][0][key]': 'created_at',
      'filter_groups[1][filters][0][value]': '1',
      'filter_groups[1][filters][0][operator]': 'near',
    });

    // Act
    const refusal = await refusalOf(listUnexportedInvoices(ports, resellerCaller, request({ filters })));

    // Assess
    expect(refusal).toMatchObject({
      status: 422,
      message: 'multiple',
      description: '2 problems were found in the request',
    });
    expect(refusal.errors).toHaveLength(2);
    expect(refusal.errors?.map((error) => error.message)).toEqual([
      'filter_groups[0][filters][0][key]',
      'filter_groups[1][filters][0][operator]',
    ]);
    expect(ports.exportSystems.registerExportSystem).not.toHaveBeenCalled();
  });

  it('refuses the cursor of a registration the system no longer has', async () => {
    // Prepare: the system was retired and registered again since the cursor was given
    const ports = listPorts();
    vi.mocked(ports.exportTracking.listUnexported).mockRejectedValue(new InvalidCursorError('stale'));

    // Act
    const refusal = await refusalOf(listUnexportedInvoices(ports, resellerCaller, request({ cursor: 'c1' })));

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'cursor',
      description: 'The cursor is not one of this list: start again without it',
    });
  });

  it('stops before the invoice that would pass the byte budget, with the cursor after the last one answered', async () => {
    // Prepare
    const three = [fresh, header('a00000000000000000000003'), header('a00000000000000000000004')];
    const ports = listPorts(three, 'store-cursor');
    const budget = { bytes: 250, size: () => 100 };

    // Act
    const page = await listUnexportedInvoices(ports, resellerCaller, request({ includeLines: true, budget }));

    // Assess
    expect(page.invoices.map((invoice) => invoice.header.id)).toEqual([three[0]!.id, three[1]!.id]);
    expect(page.cursor).toBe(`sealed-after-${three[1]!.id}`);
    expect(ports.cursors.seal).toHaveBeenCalledWith(`after-${three[1]!.id}`, scope);
  });

  it('presents each invoice once, sizes that presented answer and answers it as it was sized', async () => {
    // Prepare
    const three = [fresh, header('a00000000000000000000003'), header('a00000000000000000000004')];
    const ports = listPorts(three, 'store-cursor');
    const present = vi.fn((invoice: { header: ExportableInvoiceHeader }) => ({ id: invoice.header.id }));
    const size = vi.fn((presented: { id: string }) => (presented.id === three[2]!.id ? 1000 : 100));

    // Act
    const page = await listUnexportedInvoices(ports, resellerCaller, {
      ...request(),
      present,
      budget: { bytes: 250, size },
    });

    // Assess
    expect(page.invoices).toEqual([{ id: three[0]!.id }, { id: three[1]!.id }]);
    expect(page.invoices[0]).toBe(present.mock.results[0]!.value);
    expect(present).toHaveBeenCalledTimes(3);
    expect(size.mock.calls.map(([presented]) => presented)).toEqual(
      present.mock.results.map((result) => result.value),
    );
    expect(page.cursor).toBe(`sealed-after-${three[1]!.id}`);
  });

  it('answers at least one invoice however large, and the store’s cursor when all fit', async () => {
    // Prepare
    const ports = listPorts([fresh], 'store-cursor');

    // Act
    const huge = await listUnexportedInvoices(
      ports,
      resellerCaller,
      request({ budget: { bytes: 10, size: () => 100 } }),
    );
    const fits = await listUnexportedInvoices(
      ports,
      resellerCaller,
      request({ budget: { bytes: 1000, size: () => 100 } }),
    );

    // Assess
    expect(huge.invoices).toHaveLength(1);
    expect(huge.cursor).toBe('sealed-store-cursor');
    expect(fits.cursor).toBe('sealed-store-cursor');
  });
});
