import { describe, expect, it, vi } from 'vitest';
import type { Reseller } from '#domain/reseller';
import { planClose } from '../../../src/monthly-close/plan.ts';
import type { ResellerStore } from '../../../src/monthly-close/ports.ts';

const reseller = (id: string) => ({ id }) as Reseller;

describe('planClose', () => {
  it('lists every reseller, page after page', async () => {
    // Prepare
    const resellers: ResellerStore = {
      listResellers: vi
        .fn()
        .mockResolvedValueOnce({ items: [reseller('r1'), reseller('r2')], cursor: 'next' })
        .mockResolvedValueOnce({ items: [reseller('r3')] }),
    };

    // Act
    const plan = await planClose({ resellers }, { month: '2026-10', run: 'close-2026-10-x' });

    // Assess
    expect(plan).toEqual({ resellers: ['r1', 'r2', 'r3'] });
    expect(vi.mocked(resellers.listResellers).mock.calls).toEqual([
      [100, undefined],
      [100, 'next'],
    ]);
  });

  it('refuses a month that is none before reading anything', async () => {
    // Prepare
    const resellers: ResellerStore = { listResellers: vi.fn() };

    // Act
    const planning = planClose({ resellers }, { month: '2026-13', run: 'close-2026-13-x' });

    // Assess
    await expect(planning).rejects.toThrow(new RangeError('Not a month (YYYY-MM): 2026-13'));
    expect(resellers.listResellers).not.toHaveBeenCalled();
  });
});
