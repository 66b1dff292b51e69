/**
 * Fault injection, shared by both simulators. A *create* is a request that would create a draft:
 * e-conomic `POST /orders/drafts`; Uniconta `Insert/DebtorOrderClient` (operation `order`) and
 * `InsertList/DebtorOrderLineClient` (operation `lines`). Replayed idempotent requests are not
 * creates (they never reach the handler).
 *
 * Each rule counts the creates that match its filters (customer, operation) from the moment the
 * faults were configured, and fires on its `nth` match, or on every match when `nth` is absent.
 * The first rule that fires decides.
 */
export type CreateFaultAction =
  /** Answer `status` (default 503) without creating anything. */
  | 'fail'
  /** Destroy the socket without answering and without creating anything. */
  | 'drop-before'
  /** Create as usual, then destroy the socket without answering: the draft exists. */
  | 'drop-after'
  /** Uniconta: answer `status` (default 200) with a plain-text body naming an error code (`code`, default `ArgumentMissing`); nothing is created. */
  | 'plain-text'
  /** Create nothing and answer nothing for `holdMs` (default 30,000), then destroy the socket: a call that hangs. */
  | 'hang'
  /**
   * Create, but with amounts other than the request's rule gives: e-conomic decides 1.00 more VAT
   * (and gross); Uniconta stores the first line 1.00 dearer. A draft that differs from its invoice.
   */
  | 'skew-amounts';

export interface CreateFaultRule {
  readonly action: CreateFaultAction;
  /** The nth matching create (1-based); none: every matching create. */
  readonly nth?: number;
  /** Only creates for this customer (e-conomic customerNumber, Uniconta Account), compared as strings. */
  readonly customer?: string;
  /** Uniconta only: `order` or `lines`; none: both. */
  readonly operation?: 'order' | 'lines';
  /** For `fail` (default 503) and `plain-text` (default 200). */
  readonly status?: number;
  /** For `plain-text`: the body (default `ArgumentMissing`). */
  readonly code?: string;
  /** For `hang`: how long the call hangs before its socket is destroyed (default 30,000 ms). */
  readonly holdMs?: number;
}

export interface FaultConfig {
  readonly creates?: readonly CreateFaultRule[];
  /**
   * The next `count` requests (any route, control API excepted) answer `status` (default 503),
   * with a `Retry-After` of `retryAfterSeconds` when given (an outage that says when to come back).
   */
  readonly serverErrorBurst?: {
    readonly count: number;
    readonly status?: number;
    readonly retryAfterSeconds?: number;
  };
}

export type CreateFaultDecision =
  | { readonly action: 'proceed' }
  | { readonly action: 'fail'; readonly status: number; readonly rule: CreateFaultRule }
  | { readonly action: 'drop-before'; readonly rule: CreateFaultRule }
  | { readonly action: 'drop-after'; readonly rule: CreateFaultRule }
  | { readonly action: 'hang'; readonly holdMs: number; readonly rule: CreateFaultRule }
  | { readonly action: 'skew-amounts'; readonly rule: CreateFaultRule }
  | {
      readonly action: 'plain-text';
      readonly status: number;
      readonly code: string;
      readonly rule: CreateFaultRule;
    };

export class FaultInjector {
  private rules: { rule: CreateFaultRule; matched: number }[] = [];
  private burstLeft = 0;
  private burstStatus = 503;
  private current: FaultConfig = {};

  public constructor(config?: FaultConfig) {
    this.configure(config ?? {});
  }

  /** Replaces every fault; counters start again from zero. */
  public configure(config: FaultConfig): void {
    this.current = config;
    this.rules = (config.creates ?? []).map((rule) => ({ rule, matched: 0 }));
    this.burstLeft = config.serverErrorBurst?.count ?? 0;
    this.burstStatus = config.serverErrorBurst?.status ?? 503;
  }

  public reset(): void {
    this.configure({});
  }

  /** The faults as last configured (counters aside). */
  public get config(): FaultConfig {
    return this.current;
  }

  /** The headers of a burst's answer: its `Retry-After`, when the burst has one. */
  public burstHeaders(): Record<string, string> {
    const seconds = this.current.serverErrorBurst?.retryAfterSeconds;
    return seconds === undefined ? {} : { 'Retry-After': String(seconds) };
  }

  /** Called once per request: the status to answer with while a 5xx burst lasts. */
  public nextBurst(): number | undefined {
    if (this.burstLeft <= 0) return undefined;
    this.burstLeft -= 1;
    return this.burstStatus;
  }

  /** Called once per create attempt, before anything is created. */
  public onCreate(attempt: { customer?: string; operation: 'order' | 'lines' }): CreateFaultDecision {
    let decision: CreateFaultDecision = { action: 'proceed' };
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.operation !== undefined && rule.operation !== attempt.operation) continue;
      if (rule.customer !== undefined && rule.customer !== attempt.customer) continue;
      entry.matched += 1;
      if (decision.action !== 'proceed') continue;
      if (rule.nth !== undefined && rule.nth !== entry.matched) continue;
      decision = toDecision(rule);
    }
    return decision;
  }
}

const toDecision = (rule: CreateFaultRule): CreateFaultDecision => {
  switch (rule.action) {
    case 'fail':
      return { action: 'fail', status: rule.status ?? 503, rule };
    case 'drop-before':
      return { action: 'drop-before', rule };
    case 'drop-after':
      return { action: 'drop-after', rule };
    case 'plain-text':
      return { action: 'plain-text', status: rule.status ?? 200, code: rule.code ?? 'ArgumentMissing', rule };
    case 'hang':
      return { action: 'hang', holdMs: rule.holdMs ?? 30_000, rule };
    case 'skew-amounts':
      return { action: 'skew-amounts', rule };
  }
};
