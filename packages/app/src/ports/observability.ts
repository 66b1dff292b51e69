/** What a use case tells the operators: log lines and counted events (the handlers' logger and metrics). */
export interface Log {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

export interface Counters {
  /** Adds `value` (default 1) to the metric `name`. */
  count(name: string, value?: number): void;
}
