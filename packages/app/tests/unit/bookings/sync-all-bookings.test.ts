import { describe, expect, it, vi } from 'vitest';
import { readSyncAllBookingsInput, syncAllBookings } from '#app/bookings/sync-all-bookings';
import type { SyncBookingsPorts } from '#app/bookings/sync-bookings';
import type { Reseller } from '#domain/reseller';
import { fixedClock } from '../fakes.ts';

/** Resellers in pages of one cursor each; no reseller has an integration, so each sync is a lookup. */
const world = (pages: string[][]) => {
  const getIntegration = vi.fn(async (_owner: { reseller: string }, _system: string) => undefined);
  const ports = {
    resellers: {
      listResellers: vi.fn(async (_limit: number, cursor?: string) => {
        const index = cursor === undefined ? 0 : Number(cursor);
        return {
          items: pages[index]!.map((id) => ({ id }) as Reseller),
          ...(index + 1 < pages.length ? { cursor: String(index + 1) } : {}),
        };
      }),
    },
    integrations: { getIntegration },
    credentials: { loadCredentials: vi.fn(async () => undefined) },
    clock: fixedClock('2026-12-03T10:00:00.000Z'),
  } as unknown as SyncBookingsPorts & { resellers: { listResellers: ReturnType<typeof vi.fn> } };
  return { ports, getIntegration };
};

describe('syncAllBookings', () => {
  it('pages through every reseller and looks up both systems of each, then the platform’s own books', async () => {
    // Prepare
    const { ports, getIntegration } = world([['r1', 'r2'], ['r3']]);

    // Act
    const runs = await syncAllBookings(ports as never);

    // Assess
    expect(runs).toEqual([]);
    expect(ports.resellers.listResellers.mock.calls).toEqual([
      [100, undefined],
      [100, '1'],
    ]);
    expect(
      getIntegration.mock.calls
        .map(([owner, system]) => `${(owner as { reseller?: string }).reseller ?? 'platform'}:${system}`)
        .sort(),
    ).toEqual([
      'platform:economic',
      'platform:uniconta',
      'r1:economic',
      'r1:uniconta',
      'r2:economic',
      'r2:uniconta',
      'r3:economic',
      'r3:uniconta',
    ]);
    expect(getIntegration.mock.calls.slice(-2).map(([owner]) => owner)).toEqual([
      { kind: 'platform' },
      { kind: 'platform' },
    ]);
  });

  it('syncs only the reseller and system asked for', async () => {
    // Prepare
    const { ports, getIntegration } = world([['r1']]);

    // Act
    await syncAllBookings(ports as never, { reseller: 'r9', system: 'uniconta' });

    // Assess
    expect(ports.resellers.listResellers).not.toHaveBeenCalled();
    expect(getIntegration).toHaveBeenCalledExactlyOnceWith({ kind: 'reseller', reseller: 'r9' }, 'uniconta');
  });

  it('syncs only the platform’s books when asked', async () => {
    // Prepare
    const { ports, getIntegration } = world([['r1']]);

    // Act
    await syncAllBookings(ports as never, { platform: true, system: 'economic' });

    // Assess
    expect(ports.resellers.listResellers).not.toHaveBeenCalled();
    expect(getIntegration).toHaveBeenCalledExactlyOnceWith({ kind: 'platform' }, 'economic');
  });
});

describe('readSyncAllBookingsInput', () => {
  it('takes a reseller, a known system and a sensible number of months; ignores the rest', () => {
    expect(readSyncAllBookingsInput({ reseller: 'r1', system: 'uniconta', monthsBack: 2, other: 1 })).toEqual(
      {
        reseller: 'r1',
        system: 'uniconta',
        monthsBack: 2,
      },
    );
    expect(
      readSyncAllBookingsInput({ reseller: '', system: 'sap', monthsBack: 99, platform: 'yes' }),
    ).toEqual({});
    expect(readSyncAllBookingsInput({ platform: true })).toEqual({ platform: true });
    expect(readSyncAllBookingsInput(undefined)).toEqual({});
  });
});
