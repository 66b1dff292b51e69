/**
 * Why an accounting system could not be used, in Faktura's words. What the system itself answered
 * (its body, a transport error naming an address or a port) goes to the log, never into an API
 * answer, an export's failure or an e-mail: an answer that echoed it would let a caller read what
 * some host said, and tell the hosts that answer from those that do not.
 */
import type { AccountingAuthFailed, FailedCredentials } from '#accounting/errors';
import { type AccountingSystemName, systemLabels } from '#domain/integration';

/** An integration Faktura will not call: its host is not allowed, or its credentials were given for another. */
export class IntegrationNotUsable extends Error {
  public override readonly name = 'IntegrationNotUsable';
  public constructor(
    system: AccountingSystemName,
    /** In our words, to complete "The e-conomic integration is not valid: …". */
    public readonly why: string,
  ) {
    super(`The ${systemLabels[system]} integration is not valid: ${why}`);
  }
}

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

const accountingFailures = new Set([
  'IntegrationNotUsable',
  'AccountingAuthFailed',
  'AccountingUnavailable',
  'AccountingThrottled',
  'AccountingRejected',
]);

/** An error of the accounting system or of the integration (not, say, of DynamoDB). */
export const isAccountingFailure = (error: unknown): boolean =>
  error instanceof Error && accountingFailures.has(error.name);

/** Why the system could not be used, for "The e-conomic integration is not valid: …", without its own words. */
export const whyUnusable = (system: AccountingSystemName, error: unknown): string => {
  if (error instanceof IntegrationNotUsable) return error.why;
  const name = (error as Error | undefined)?.name;
  if (name === 'AccountingAuthFailed')
    return credentialsRefused(system, (error as Partial<AccountingAuthFailed>).failed);
  if (name === 'AccountingUnavailable' || name === 'AccountingThrottled')
    return `${systemLabels[system]} could not be reached; try again later`;
  return `${systemLabels[system]} did not answer as expected`;
};

/**
 * An export's failure reason, as the job, the API and the e-mail show it. A refused draft keeps
 * what the (allowed) accounting system said about its fields, which is what the accountant must
 * fix; credentials and reachability are told in our words.
 */
export const exportFailureReason = (system: AccountingSystemName, error: unknown): string => {
  const name = (error as Error | undefined)?.name ?? '';
  if (name === 'AccountingAuthFailed' || name === 'AccountingUnavailable' || name === 'AccountingThrottled')
    return `The ${systemLabels[system]} integration is not valid: ${whyUnusable(system, error)}`;
  return (error as Error | undefined)?.message ?? 'The export failed';
};
