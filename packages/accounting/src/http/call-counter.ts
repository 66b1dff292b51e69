/**
 * Counts the HTTP calls an adapter makes, per port operation (retries included: each is a call
 * the accounting system counts too). Benchmarks read it to prove "calls per operation" — e.g. that
 * 2,500 customers take 3 calls, not 2,500 — and the export can log it per run.
 */
export class CallCounter {
  private readonly counts = new Map<string, number>();
  private told = 0;

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

  /**
   * The calls recorded since the last time this was asked: what a step adds to a day's count
   * (#domain/uniconta-allowance). The counts themselves stay, for whoever reads them per operation.
   */
  public untold(): number {
    const total = this.total();
    const untold = total - this.told;
    this.told = total;
    return untold;
  }

  public reset(): void {
    this.counts.clear();
    this.told = 0;
  }
}
