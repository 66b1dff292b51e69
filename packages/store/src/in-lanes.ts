/**
 * Runs `work` for each of `count` tasks (by index, in order of starting), at most `lanes` at a time:
 * a lane that finishes takes the next task. The first failure is thrown at once, and no task starts
 * after it (the ones under way run out; what they read is dropped with the failure).
 */
export const inLanes = async (
  count: number,
  lanes: number,
  work: (index: number) => Promise<void>,
): Promise<void> => {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < count) {
      const index = next;
      next += 1;
      try {
        await work(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, count) }, lane));
};
