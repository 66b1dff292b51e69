/** Added response time: `fixedMs`, plus a uniformly random `0..jitterMs` when jitter is set. */
export interface LatencyConfig {
  readonly fixedMs: number;
  readonly jitterMs?: number;
}

export const latencyFor = (config: LatencyConfig | undefined, random: () => number): number => {
  if (!config) return 0;
  const jitter = config.jitterMs ? Math.floor(random() * (config.jitterMs + 1)) : 0;
  return Math.max(0, config.fixedMs + jitter);
};
