/**
 * Counts the HTTP calls an adapter makes, per port operation (retries included: each is a call
 * the accounting system counts too). Benchmarks read it to prove "calls per operation" — e.g. that
 * 2,500 customers take 3 calls, not 2,500 — and the export can log it per run.
 */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  public record(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  public get(operation: string): number {
    return this.counts.get(operation) ?? 0;
  }

  public total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** A copy: operation → calls. */
  public snapshot(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.counts);
  }

  public reset(): void {
    this.counts.clear();
  }
}
