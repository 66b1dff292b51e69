/**
 * Why an accounting system could not be used, in Faktura's words. What the system itself answered
 * (its body, a transport error naming an address or a port) goes to the log, never into an API
 * answer, an export's failure or an e-mail: an answer that echoed it would let a caller read what
 * some host said, and tell the hosts that answer from those that do not.
 */
import {
  type FailedCredentials,
  isIntegrationErrorName,
  isRetryableAccountingError,
} from './accounting-failures.ts';
import { type AccountingSystemName, systemLabels } from './integration.ts';
import { Refusal } from './refusal.ts';

/** An integration Faktura will not call: its host is not allowed, or its credentials were given for another. */
export class IntegrationNotUsable extends Error {
  public override readonly name = 'IntegrationNotUsable';
  public constructor(
    system: AccountingSystemName,
    /** In our words, to complete "The e-conomic integration is not valid: …". */
    public readonly why: string,
  ) {
    super(integrationNotValid(system, why));
  }
}

/** The sentence every refusal of an integration reads as. */
export const integrationNotValid = (system: AccountingSystemName, why: string): string =>
  `The ${systemLabels[system]} integration is not valid: ${why}`;

const credentialLabels: Readonly<Record<string, string>> = {
  appSecretToken: 'app secret token (appSecretToken)',
  agreementGrantToken: 'agreement grant token (agreementGrantToken)',
  companyId: 'company (companyId)',
  userId: 'user id (userId)',
  password: 'password (password)',
};

const listed = (fields: readonly string[]): string => {
  const labels = fields.map((field) => credentialLabels[field] ?? field);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
};

/** Which credentials failed, in our words: "e-conomic did not accept the app secret token (appSecretToken)". */
export const credentialsRefused = (system: AccountingSystemName, failed?: FailedCredentials): string => {
  const label = systemLabels[system];
  if (!failed || failed.fields.length === 0) return `${label} did not accept the credentials`;
  if (failed.reason === 'no-rights') {
    return system === 'uniconta'
      ? `the user has no rights in the ${listed(failed.fields)} in ${label}`
      : `the ${listed(failed.fields)} does not give the rights Faktura needs in ${label}`;
  }
  return `${label} did not accept the ${listed(failed.fields)}`;
};

/** Why the system could not be used, for "The e-conomic integration is not valid: …", without its own words. */
export const whyUnusable = (system: AccountingSystemName, error: unknown): string => {
  if (error instanceof IntegrationNotUsable) return error.why;
  const name = (error as Error | undefined)?.name;
  if (name === 'AccountingAuthFailed')
    return credentialsRefused(system, (error as { failed?: FailedCredentials }).failed);
  if (isRetryableAccountingError(error))
    return `${systemLabels[system]} could not be reached; try again later`;
  return `${systemLabels[system]} did not answer as expected`;
};

/** How long a caller is told to wait when the accounting system did not say (a dropped connection). */
const defaultRetryAfterSeconds = 30;

/** The key of `503`: the accounting system is down or overloaded, whichever it is; the description names it. */
const accountingUnavailableKey = 'accounting_unavailable';

/**
 * Why a request that needs the integration now (an export, the settings' credential check) is
 * refused: the system could not be reached or asked us to slow down (5xx, 429, a timeout, no
 * answer) is `503 accounting_unavailable` with a `Retry-After` (the system's own when it gave one);
 * anything else is `403 <system>`, "The … integration is not valid": credentials that do not work,
 * an integration Faktura will not call. An outage is not the reseller's to fix; bad credentials are.
 */
export const integrationRefusal = (system: AccountingSystemName, error: unknown): Refusal => {
  if (!isRetryableAccountingError(error))
    return new Refusal(403, system, integrationNotValid(system, whyUnusable(system, error)));
  const asked = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  const seconds =
    typeof asked === 'number' && Number.isFinite(asked) && asked >= 0
      ? Math.max(1, Math.ceil(asked))
      : defaultRetryAfterSeconds;
  return new Refusal(
    503,
    accountingUnavailableKey,
    `${systemLabels[system]} could not be reached; try again in ${seconds} seconds`,
    undefined,
    seconds,
  );
};

/**
 * An export's failure reason, as the job, the API and the e-mail show it. A refused draft keeps
 * what the (allowed) accounting system said about its fields, which is what the accountant must
 * fix; credentials and reachability are told in our words.
 */
export const exportFailureReason = (system: AccountingSystemName, error: unknown): string => {
  const name = (error as Error | undefined)?.name ?? '';
  if (isIntegrationErrorName(name)) return integrationNotValid(system, whyUnusable(system, error));
  return (error as Error | undefined)?.message ?? 'The export failed';
};

/**
 * The reason of a saga failure as Step Functions hands it over: `{ Error, Cause }`, the Cause a
 * JSON of errorType and errorMessage. An accounting system that could not be reached is said in
 * our words: the error's own message (an address, a transport error) is for the log.
 */
export const sagaFailureReason = (
  system: AccountingSystemName,
  failure: { readonly Error?: string; readonly Cause?: string } | undefined,
): string => {
  if (!failure) return 'The export failed';
  try {
    const cause = JSON.parse(failure.Cause ?? '') as { errorType?: string; errorMessage?: string };
    const name = cause.errorType ?? failure.Error ?? '';
    if (isIntegrationErrorName(name)) return exportFailureReason(system, { name });
    if (cause.errorMessage) return cause.errorMessage;
  } catch {
    // a plain-text cause
  }
  return failure.Cause || failure.Error || 'The export failed';
};
