import { describe, expect, it } from 'vitest';
import { inLanes } from '../../src/in-lanes.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('inLanes', () => {
  it('runs every task, never more than the lanes at once', async () => {
    // Prepare
    let running = 0;
    let most = 0;
    const done: number[] = [];

    // Act
    await inLanes(10, 3, async (index) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      done.push(index);
      running -= 1;
    });

    // Assess
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('throws the first failure and starts no task after it', async () => {
    // Prepare
    const started: number[] = [];

    // Act
    const run = inLanes(10, 2, async (index) => {
      started.push(index);
      await tick();
      if (index === 2) throw new Error('task 2 failed');
    });

    // Assess
    await expect(run).rejects.toThrow('task 2 failed');
    await tick();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
  });
});
