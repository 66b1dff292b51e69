import { describe, expect, it } from 'vitest';
import { forEachBounded } from '../../src/bounded.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('forEachBounded', () => {
  it('runs every item, never more than the limit at once', async () => {
    // Prepare
    let running = 0;
    let most = 0;
    const done: number[] = [];

    // Act
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      done.push(item);
      running -= 1;
    });

    // Assess
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure, lets the running ones finish, then throws the first error', async () => {
    // Prepare
    const started: number[] = [];
    const finished: number[] = [];

    // Act
    const outcome = forEachBounded([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 1) throw new Error('first');
      await tick();
      finished.push(item);
    });

    // Assess
    await expect(outcome).rejects.toThrow('first');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([2]);
  });

  it('does nothing for no items', async () => {
    // Act & Assess
    await expect(
      forEachBounded([], 4, async () => Promise.reject(new Error('called'))),
    ).resolves.toBeUndefined();
  });
});
