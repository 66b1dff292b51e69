/**
 * The failures of an accounting system. The adapters throw them (packages/accounting), the saga's
 * Retry and Catch match them by `name` (throttling and unavailability are retried with backoff; a
 * rejected request or failed credentials are not: retrying cannot fix them), and the export and
 * the settings answer them in Faktura's words (accounting-refusals.ts).
 */

export class AccountingThrottled extends Error {
  public override readonly name = 'AccountingThrottled';
  public constructor(
    message: string,
    /** Seconds the system asked us to wait, if it said. */
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** 5xx, timeouts, dropped connections: the request may or may not have taken effect. */
export class AccountingUnavailable extends Error {
  public override readonly name = 'AccountingUnavailable';
}

/**
 * The accounting system refused the request as invalid (4xx validation): a permanent failure.
 * `status` 0: the adapter refused it before sending, because the system would reject it or because
 * sending it would need rounding or cutting a value that must stay exact; `detail.field` names it.
 */
export class AccountingRejected extends Error {
  public override readonly name = 'AccountingRejected';
  public constructor(
    message: string,
    public readonly status: number,
    /** The system's own error body, for the export report. */
    public readonly detail?: unknown,
  ) {
    super(message);
  }
}

/**
 * Which of an integration's credentials the accounting system refused, when its answer tells:
 * the fields as the integration's settings name them (`appSecretToken`, `companyId`, …), and
 * whether they were not accepted at all or were accepted without the rights Faktura needs.
 */
export interface FailedCredentials {
  readonly fields: readonly string[];
  readonly reason: 'not-accepted' | 'no-rights';
}

/** 401/403: the credentials are wrong, revoked, or lack rights. */
export class AccountingAuthFailed extends Error {
  public override readonly name = 'AccountingAuthFailed';
  public constructor(
    message: string,
    /** Which credentials, when the system said; the message (for the log) holds its own words. */
    public readonly failed?: FailedCredentials,
  ) {
    super(message);
  }
}

/** Worth trying again later: the system asked us to slow down, or could not be reached. */
export const retryableAccountingErrors = ['AccountingThrottled', 'AccountingUnavailable'] as const;

/** The credentials or the reachability: said in our words, whatever the system answered. */
const integrationErrors = ['AccountingAuthFailed', ...retryableAccountingErrors] as const;

const accountingFailures: ReadonlySet<string> = new Set([
  'IntegrationNotUsable',
  ...integrationErrors,
  'AccountingRejected',
]);

/** By name, not class: a failure can also arrive as the saga's `{ errorType }`, rebuilt as `{ name }`. */
const nameOf = (error: unknown): string => {
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' ? name : '';
};

export const isRetryableAccountingError = (error: unknown): boolean =>
  (retryableAccountingErrors as readonly string[]).includes(nameOf(error));

/** A failure named after the credentials or reachability (not a refused draft). */
export const isIntegrationErrorName = (name: string): boolean =>
  (integrationErrors as readonly string[]).includes(name);

/** An error of the accounting system or of the integration (not, say, of DynamoDB). */
export const isAccountingFailure = (error: unknown): boolean => accountingFailures.has(nameOf(error));
