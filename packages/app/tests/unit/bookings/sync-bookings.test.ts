import { describe, expect, it, vi } from 'vitest';
import { syncBookings } from '#app/bookings/sync-bookings';
import {
  BookingChangedMeanwhile,
  type BookingChangeWrite,
  bookedInField,
  type ExportableInvoiceHeader,
  exportedToField,
} from '#app/ports/store';
import { AccountingUnavailable } from '#domain/accounting-failures';
import type { BookingSyncRun } from '#domain/booking-sync';
import type { AccountingSystemName, IntegrationSettings } from '#domain/integration';
import type { Reseller } from '#domain/reseller';
import {
  accountingSystem,
  callCounts,
  counting,
  fixedClock,
  resellerId,
  silentLog,
  systemsOpening,
} from '../fakes.ts';

const now = '2026-12-03T10:00:00.000Z';
const own = { kind: 'reseller' as const, reseller: resellerId };
const exportId = 'e1';

/** An invoice header exported to `system` as draft `draftNumber` by export e1. */
const header = (id: string, draftNumber: string, overrides: Record<string, unknown> = {}) =>
  ({
    id,
    reseller: resellerId,
    invoiceNumber: '-1',
    sent: false,
    paid: false,
    invoiceDate: '2026-10-31T23:00:00.000Z',
    exportedTo: { [exportedToField('economic')]: { at: now, exportId, draftNumber } },
    ...overrides,
  }) as unknown as ExportableInvoiceHeader;

const settings = (system: AccountingSystemName): IntegrationSettings => ({
  system,
  owner: { kind: 'reseller', reseller: resellerId },
  baseUrl: 'https://sim.example',
  autoExport: false,
  maskedCredentials: {},
  verifiedAt: now,
  updatedAt: now,
});

/** The store in memory: headers, changed as the store would change them, and the runs. */
const world = (headers: ExportableInvoiceHeader[], system: AccountingSystemName = 'economic') => {
  const accounting = { ...accountingSystem(), system, callsNotYetCounted: vi.fn(() => 3) };
  const runs: BookingSyncRun[] = [];
  const writes: BookingChangeWrite[] = [];
  const store = new Map(headers.map((h) => [h.id, h as unknown as Record<string, unknown>]));
  const resellers = [...new Set([resellerId, ...headers.map((h) => h.reseller)])];
  const ports = {
    resellers: {
      // One reseller a page, so the platform's sync is seen to follow the list's pages.
      listResellers: vi.fn(async (_limit: number, cursor?: string) => {
        const index = cursor === undefined ? 0 : Number(cursor);
        return {
          items: [{ id: resellers[index]! } as Reseller],
          cursor: index + 1 < resellers.length ? String(index + 1) : undefined,
        };
      }),
    },
    integrations: { getIntegration: vi.fn(async () => settings(system)) },
    credentials: {
      loadCredentials: vi.fn(async () => ({
        credentials: { appSecretToken: 'app-secret', agreementGrantToken: 'grant' },
        origin: 'https://sim.example',
      })),
    },
    systems: systemsOpening(accounting as never),
    invoices: {
      invoiceHeadersInPeriod: vi.fn(
        async (reseller: string) =>
          [...store.values()].filter((h) => h.reseller === reseller) as unknown as ExportableInvoiceHeader[],
      ),
    },
    bookings: {
      applyBookingChange: vi.fn(async (write: BookingChangeWrite) => {
        writes.push(write);
        const current = store.get(write.invoice)!;
        const { change } = write;
        store.set(write.invoice, {
          ...current,
          ...(change.invoiceNumber ? { invoiceNumber: change.invoiceNumber } : {}),
          ...(change.sent ? { sent: true } : {}),
          ...(change.paid ? { paid: true } : {}),
          ...(change.bookedAs
            ? {
                [bookedInField(write.markKey)]: {
                  invoiceNumber: change.bookedAs,
                  at: write.at,
                  paid: change.bookedPaid ?? false,
                },
              }
            : change.bookedPaid
              ? {
                  [bookedInField(write.markKey)]: {
                    ...(current[bookedInField(write.markKey)] as object),
                    paid: true,
                  },
                }
              : {}),
          ...(change.reopenExport ? { exportedTo: {} } : {}),
        });
      }),
      saveBookingSyncRun: vi.fn(async (run: BookingSyncRun) => {
        runs.push(run);
      }),
    },
    accountingCalls: callCounts(),
    clock: fixedClock(now),
    counters: counting(),
    log: silentLog(),
  };
  return { ports, accounting, runs, writes, store };
};

describe('syncBookings', () => {
  it('writes the booked number, sent and paid on booked invoices, reopens a deleted draft, and records the run', async () => {
    // Prepare: a still a draft, b booked and paid, c deleted by hand
    const { ports, accounting, runs, writes } = world([
      header('a', '11'),
      header('b', '12'),
      header('c', '13'),
    ]);
    accounting.drafts.set('FK-e1-a', {
      number: '11',
      reference: 'FK-e1-a',
      totals: { net: 0, vat: 0, gross: 0 },
    });
    accounting.booked.push({ invoiceNumber: '10234', reference: 'FK-e1-b', orderNumber: '40', paid: true });

    // Act
    const run = await syncBookings(ports, { owner: own, system: 'economic' });

    // Assess
    expect(accounting.readBookings).toHaveBeenCalledExactlyOnceWith('2026-11-01');
    expect(
      writes.map((w) => [w.invoice, w.change.invoiceNumber, w.change.paid, w.change.reopenExport]),
    ).toEqual([
      ['b', '10234', true, false],
      ['c', undefined, undefined, true],
    ]);
    expect(writes[0]).toMatchObject({ markKey: 'economic', draft: { exportId, draftNumber: '12' }, at: now });
    expect(run).toEqual({
      owner: { kind: 'reseller', reseller: resellerId },
      system: 'economic',
      at: now,
      drafts: 3,
      found: 1,
      updated: 2,
      deleted: 1,
      unmatched: [],
      errors: [],
    });
    expect(runs).toEqual([run]);
  });

  it('changes nothing on a second run over the same bookings', async () => {
    // Prepare
    const { ports, accounting, writes } = world([header('b', '12')]);
    accounting.booked.push({ invoiceNumber: '10234', reference: 'FK-e1-b', paid: false });
    await syncBookings(ports, { owner: own, system: 'economic' });
    writes.length = 0;

    // Act
    const second = await syncBookings(ports, { owner: own, system: 'economic' });

    // Assess
    expect(writes).toEqual([]);
    expect(second).toMatchObject({ drafts: 1, found: 1, updated: 0 });
  });

  it('follows only invoices exported as drafts and not yet booked and paid, from the last months', async () => {
    // Prepare
    const done = header('d', '14', {
      paid: true,
      [bookedInField('economic')]: { invoiceNumber: '9', at: now },
    });
    const never = header('n', '15', { exportedTo: {} });
    const { ports, accounting } = world([done, never]);

    // Act
    const run = await syncBookings(ports, { owner: own, system: 'economic', monthsBack: 2 });

    // Assess: from 1 October (Danish time), nothing to follow, nothing read
    expect(ports.invoices.invoiceHeadersInPeriod).toHaveBeenCalledExactlyOnceWith(
      resellerId,
      '2026-09-30T22:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    );
    expect(accounting.readBookings).not.toHaveBeenCalled();
    expect(run).toMatchObject({ drafts: 0, found: 0, updated: 0 });
  });

  it('records why when the accounting system cannot be read, and writes nothing', async () => {
    // Prepare
    const { ports, accounting, writes } = world([header('b', '12')]);
    accounting.readBookings.mockRejectedValue(new AccountingUnavailable('502 from the host'));

    // Act
    const run = await syncBookings(ports, { owner: own, system: 'economic' });

    // Assess
    expect(writes).toEqual([]);
    expect(run?.errors).toEqual(['e-conomic could not be reached; try again later']);
    expect(ports.counters.counted).toEqual({ BookingSyncErrors: 1 });
  });

  it('does not run when Uniconta’s calls for today are spent, and counts its calls when it runs', async () => {
    // Prepare
    const spent = world(
      [
        header('b', '12', {
          exportedTo: { [exportedToField('uniconta')]: { at: now, exportId, draftNumber: '12' } },
        }),
      ],
      'uniconta',
    );
    spent.ports.accountingCalls.days.set(`${resellerId}#uniconta#2026-12-03`, 4_998);
    const fresh = world(
      [
        header('b', '12', {
          exportedTo: { [exportedToField('uniconta')]: { at: now, exportId, draftNumber: '12' } },
        }),
      ],
      'uniconta',
    );

    // Act
    const notRun = await syncBookings(spent.ports, { owner: own, system: 'uniconta' });
    await syncBookings(fresh.ports, { owner: own, system: 'uniconta' });

    // Assess
    expect(spent.accounting.readBookings).not.toHaveBeenCalled();
    expect(notRun?.errors).toEqual([
      "Not run: 4998 of today's 5000 Uniconta calls are used (2026-12-03, Danish time); the next run tries again",
    ]);
    expect(fresh.ports.accountingCalls.days.get(`${resellerId}#uniconta#2026-12-03`)).toBe(3);
  });

  it('reports a booked number another invoice already carries, and leaves the invoice as it is', async () => {
    // Prepare
    const { ports, accounting } = world([header('b', '12')]);
    accounting.booked.push({ invoiceNumber: '7', reference: 'FK-e1-b', paid: false });
    ports.bookings.applyBookingChange.mockRejectedValueOnce(
      new BookingChangedMeanwhile(
        'Invoice number 7 is already used by another invoice of the reseller',
        'number-taken',
      ),
    );

    // Act
    const run = await syncBookings(ports, { owner: own, system: 'economic' });

    // Assess
    expect(run).toMatchObject({
      updated: 0,
      errors: ['Invoice b: Invoice number 7 is already used by another invoice of the reseller'],
    });
  });

  it('is undefined for a reseller without the integration', async () => {
    // Prepare
    const { ports } = world([]);
    ports.integrations.getIntegration.mockResolvedValue(undefined as never);

    // Act & Assess
    expect(await syncBookings(ports, { owner: own, system: 'economic' })).toBeUndefined();
  });

  it('follows a reseller’s external-licence drafts in its books beside the invoice proper, without numbering the invoice by them', async () => {
    // Prepare: one invoice with both documents in the reseller's e-conomic
    const both = header('b', '12', {
      exportedTo: {
        [exportedToField('economic')]: { at: now, exportId, draftNumber: '12' },
        [exportedToField('economic:external-licenses')]: { at: now, exportId: 'e2', draftNumber: '13' },
      },
    });
    const { ports, accounting, writes } = world([both]);
    accounting.booked.push(
      { invoiceNumber: '10234', reference: 'FK-e1-b', paid: false },
      { invoiceNumber: '10235', reference: 'FK-e2-b', paid: true },
    );

    // Act
    const run = await syncBookings(ports, { owner: own, system: 'economic' });

    // Assess
    expect(
      writes.map((w) => [
        w.markKey,
        w.change.invoiceNumber,
        w.change.bookedAs,
        w.change.bookedPaid,
        w.change.paid,
      ]),
    ).toEqual([
      ['economic', '10234', '10234', undefined, undefined],
      ['economic:external-licenses', undefined, '10235', true, undefined],
    ]);
    expect(writes[1]!.change.timeline.map((entry) => entry.event)).toEqual(['booked', 'bill-paid']);
    expect(run).toMatchObject({ drafts: 2, found: 2, updated: 2, unmatched: [] });
  });

  it('syncs the platform’s books across every reseller: the bills to the resellers, not the invoices’ own fields', async () => {
    // Prepare: two resellers' invoices exported in adminMode, and one exported to a reseller's own books
    const platformMark = (draftNumber: string) => ({
      exportedTo: { [exportedToField('economic:platform')]: { at: now, exportId, draftNumber } },
    });
    const { ports, accounting, writes, runs } = world([
      header('a', '21', { ...platformMark('21'), reseller: 'r-other' }),
      header('b', '22', platformMark('22')),
      header('c', '23'),
    ]);
    accounting.booked.push({ invoiceNumber: '501', reference: 'FK-e1-a', paid: true });
    accounting.drafts.set('FK-e1-b', {
      number: '22',
      reference: 'FK-e1-b',
      totals: { net: 0, vat: 0, gross: 0 },
    });

    // Act
    const run = await syncBookings(ports, { owner: { kind: 'platform' }, system: 'economic' });

    // Assess
    expect(ports.integrations.getIntegration).toHaveBeenCalledWith({ kind: 'platform' }, 'economic');
    expect(ports.resellers.listResellers).toHaveBeenCalledTimes(2);
    expect(writes).toEqual([
      expect.objectContaining({
        reseller: 'r-other',
        invoice: 'a',
        markKey: 'economic:platform',
        change: expect.objectContaining({ bookedAs: '501', bookedPaid: true, reopenExport: false }),
      }),
    ]);
    expect(writes[0]!.change).not.toHaveProperty('invoiceNumber');
    expect(writes[0]!.change).not.toHaveProperty('paid');
    expect(writes[0]!.change.timeline[0]!.note).toBe('Booked as invoice 501 in e-conomic (platform)');
    expect(run).toMatchObject({ owner: { kind: 'platform' }, drafts: 2, found: 1, updated: 1, deleted: 0 });
    expect(runs).toEqual([run]);
  });
});
