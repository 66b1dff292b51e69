/**
 * Runs `work` for every item, at most `limit` at a time, in the items' order of starting. After the
 * first failure no new item is started; the ones under way are let finish (so that what they did
 * is recorded), then the first error is thrown.
 */
export const forEachBounded = async <T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next]!;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
};
