/**
 * An EventBridge Scheduler rate schedule, locally: invokes a function with a fixed input every
 * `everyMs`, one invocation at a time (a sweep that runs long delays the next rather than
 * overlapping it, as a rate schedule of a function that finishes within its rate behaves). A
 * failed invocation is reported and the schedule goes on, as Scheduler does with no retries.
 */
export interface RateScheduleOptions {
  readonly everyMs: number;
  readonly invoke: () => Promise<unknown>;
  readonly onError?: (error: unknown) => void;
}

export interface RateSchedule {
  stop(): Promise<void>;
}

export const startRateSchedule = (options: RateScheduleOptions): RateSchedule => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const fire = () => {
    running = options
      .invoke()
      .then(
        () => undefined,
        (error: unknown) =>
          (options.onError ?? ((e) => process.stderr.write(`schedule: ${String(e)}\n`)))(error),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(fire, options.everyMs);
      });
  };
  timer = setTimeout(fire, options.everyMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
