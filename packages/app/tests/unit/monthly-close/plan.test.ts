import { describe, expect, it, vi } from 'vitest';
import type { Reseller } from '#domain/reseller';
import { MalformedCloseState } from '../../../src/monthly-close/close-state.ts';
import { planClose } from '../../../src/monthly-close/plan.ts';
import type { ResellerStore } from '../../../src/monthly-close/ports.ts';

const reseller = (id: string) => ({ id }) as Reseller;
const run = { month: '2026-10', run: 'close-2026-10-x' };
const page = { groupsPerPage: 2, resellersPerGroup: 2 };

describe('planClose', () => {
  it('reads one page of groupsPerPage × resellersPerGroup resellers and splits it into groups', async () => {
    // Prepare
    const resellers: ResellerStore = {
      listResellers: vi.fn().mockResolvedValueOnce({
        items: ['r1', 'r2', 'r3', 'r4'].map(reseller),
        cursor: 'next',
      }),
    };

    // Act
    const plan = await planClose({ resellers }, { ...run, page });

    // Assess
    expect(plan).toEqual({
      groups: [
        ['r1', 'r2'],
        ['r3', 'r4'],
      ],
      cursor: 'next',
    });
    expect(vi.mocked(resellers.listResellers).mock.calls).toEqual([[4, undefined]]);
  });

  it('goes on from the cursor it is given, and gives none after the last page', async () => {
    // Prepare
    const resellers: ResellerStore = {
      listResellers: vi.fn().mockResolvedValueOnce({ items: ['r5', 'r6', 'r7'].map(reseller) }),
    };

    // Act
    const plan = await planClose({ resellers }, { ...run, page, cursor: 'next' });

    // Assess
    expect(plan).toEqual({ groups: [['r5', 'r6'], ['r7']] });
    expect(vi.mocked(resellers.listResellers).mock.calls).toEqual([[4, 'next']]);
  });

  it('answers an empty page as no groups (a store page can end exactly at the last reseller)', async () => {
    // Prepare
    const resellers: ResellerStore = { listResellers: vi.fn().mockResolvedValueOnce({ items: [] }) };

    // Act
    const plan = await planClose({ resellers }, { ...run, page, cursor: 'last' });

    // Assess
    expect(plan).toEqual({ groups: [] });
  });

  it('refuses a page shape the definition should never give', async () => {
    // Prepare
    const resellers: ResellerStore = { listResellers: vi.fn() };
    const shapes = [
      undefined,
      { groupsPerPage: 0, resellersPerGroup: 5 },
      { groupsPerPage: 2, resellersPerGroup: 1.5 },
      { groupsPerPage: 10, resellersPerGroup: 101 },
    ];

    // Act
    const outcomes = await Promise.allSettled(
      shapes.map((shape) => planClose({ resellers }, { ...run, page: shape as never })),
    );

    // Assess
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(MalformedCloseState) });
    expect(resellers.listResellers).not.toHaveBeenCalled();
  });

  it('refuses a month that is none before reading anything', async () => {
    // Prepare
    const resellers: ResellerStore = { listResellers: vi.fn() };

    // Act
    const planning = planClose({ resellers }, { month: '2026-13', run: 'close-2026-13-x', page });

    // Assess
    await expect(planning).rejects.toThrow(new RangeError('Not a month (YYYY-MM): 2026-13'));
    expect(resellers.listResellers).not.toHaveBeenCalled();
  });
});
