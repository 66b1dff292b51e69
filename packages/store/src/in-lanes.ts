/**
 * Runs `work` for every task, at most `lanes` at a time, in the order the tasks are queued: a lane
 * that finishes takes the next one. A task may queue more (`add`): a range read that turns out long
 * hands its rest to the idle lanes (query-key-range.ts). The first failure is thrown at once, and
 * no task starts after it (the ones under way run out; what they read is dropped with the failure).
 */
export const inLanes = <T>(
  tasks: readonly T[],
  lanes: number,
  work: (task: T, add: (...more: T[]) => void) => Promise<void>,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const queue = [...tasks];
    const add = (...more: T[]) => queue.push(...more);
    let running = 0;
    let failed = false;
    const startMore = (): void => {
      while (!failed && running < lanes && queue.length > 0) {
        const task = queue.shift()!;
        running += 1;
        Promise.resolve()
          .then(() => work(task, add))
          .then(
            () => {
              running -= 1;
              startMore();
            },
            (error: unknown) => {
              running -= 1;
              if (failed) return;
              failed = true;
              reject(error);
            },
          );
      }
      if (!failed && running === 0 && queue.length === 0) resolve();
    };
    startMore();
  });
