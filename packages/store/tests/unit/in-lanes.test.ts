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
    await inLanes([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, async (index) => {
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
    const run = inLanes([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 2, async (index) => {
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

  it('runs the tasks a task adds, and ends when the last of them has', async () => {
    // Prepare
    const done: string[] = [];

    // Act: each task below depth 2 adds two more
    await inLanes(['a'], 2, async (task, add) => {
      await tick();
      if (task.length < 3) add(`${task}0`, `${task}1`);
      done.push(task);
    });

    // Assess
    expect(done.sort()).toEqual(['a', 'a0', 'a00', 'a01', 'a1', 'a10', 'a11']);
  });

  it('ends at once with no tasks', async () => {
    await expect(inLanes([], 4, async () => undefined)).resolves.toBeUndefined();
  });
});
