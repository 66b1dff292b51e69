/**
 * The time a simulator lives by. Everything that depends on time (the token bucket's refill, the
 * idempotency cache's one hour, `logTime`, `lastUpdated`) reads it from here, so that a test can
 * move time forward instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until a test moves it. */
export class ManualClock implements Clock {
  private current: number;

  public constructor(start: number | string = '2026-06-01T08:00:00Z') {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }

  public readonly now = (): number => this.current;

  /** Moves the clock forward by `ms` milliseconds. */
  public advance(ms: number): void {
    this.current += ms;
  }

  public set(time: number | string): void {
    this.current = typeof time === 'number' ? time : Date.parse(time);
  }
}

/** Waits `ms` milliseconds (real time); injectable so that latency tests need not wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
