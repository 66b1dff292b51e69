import { describe, expect, it } from 'vitest';
import {
  AccountingAuthFailed,
  AccountingRejected,
  AccountingThrottled,
  AccountingUnavailable,
  isAccountingFailure,
  isRetryableAccountingError,
} from '../../src/accounting-failures.ts';
import {
  credentialsRefused,
  exportFailureReason,
  IntegrationNotUsable,
  integrationRefusal,
  sagaFailureReason,
  whyUnusable,
} from '../../src/accounting-refusals.ts';

describe('accounting failures', () => {
  it('retries throttling and unavailability only', () => {
    expect(isRetryableAccountingError(new AccountingThrottled('x'))).toBe(true);
    expect(isRetryableAccountingError(new AccountingUnavailable('x'))).toBe(true);
    expect(isRetryableAccountingError(new AccountingRejected('x', 400))).toBe(false);
    expect(isRetryableAccountingError(new AccountingAuthFailed('x'))).toBe(false);
  });

  it('knows its own failures from any other error', () => {
    expect(isAccountingFailure(new IntegrationNotUsable('economic', 'why'))).toBe(true);
    expect(isAccountingFailure(new AccountingRejected('x', 400))).toBe(true);
    expect(isAccountingFailure(new Error('ProvisionedThroughputExceeded'))).toBe(false);
    expect(isAccountingFailure('AccountingThrottled')).toBe(false);
  });
});

describe('refusals in our words', () => {
  it.each([
    [
      'economic',
      { fields: ['appSecretToken'], reason: 'not-accepted' },
      'e-conomic did not accept the app secret token (appSecretToken)',
    ],
    [
      'uniconta',
      { fields: ['companyId', 'userId', 'password'], reason: 'not-accepted' },
      'Uniconta did not accept the company (companyId), user id (userId) or password (password)',
    ],
    [
      'uniconta',
      { fields: ['companyId'], reason: 'no-rights' },
      'the user has no rights in the company (companyId) in Uniconta',
    ],
    ['economic', undefined, 'e-conomic did not accept the credentials'],
  ] as const)('%s %o', (system, failed, words) => {
    expect(credentialsRefused(system, failed)).toBe(words);
  });

  it('never repeats what the system said about its credentials or its reachability', () => {
    const said = 'connect ECONNREFUSED 10.0.0.1:8080';
    expect(whyUnusable('economic', new AccountingUnavailable(said))).toBe(
      'e-conomic could not be reached; try again later',
    );
    expect(exportFailureReason('uniconta', new AccountingThrottled(said))).toBe(
      'The Uniconta integration is not valid: Uniconta could not be reached; try again later',
    );
    expect(whyUnusable('economic', new Error(said))).toBe('e-conomic did not answer as expected');
  });

  it('answers an outage as 503 accounting_unavailable with the system’s Retry-After, or 30 seconds', () => {
    // Act
    const down = integrationRefusal(
      'economic',
      new AccountingUnavailable('connect ECONNREFUSED 10.0.0.1:8080'),
    );
    const slowDown = integrationRefusal('uniconta', new AccountingThrottled('429', 119.2));
    const credentials = integrationRefusal('economic', new AccountingAuthFailed('401'));

    // Assess
    expect(down).toMatchObject({
      status: 503,
      key: 'accounting_unavailable',
      description: 'e-conomic could not be reached; try again in 30 seconds',
      retryAfterSeconds: 30,
    });
    expect(down.toBody()).not.toHaveProperty('retryAfterSeconds');
    expect(slowDown).toMatchObject({ status: 503, key: 'accounting_unavailable', retryAfterSeconds: 120 });
    expect(credentials).toMatchObject({
      status: 403,
      key: 'economic',
      description: 'The e-conomic integration is not valid: e-conomic did not accept the credentials',
    });
    expect(credentials.retryAfterSeconds).toBeUndefined();
  });

  it('keeps what the system said about a refused draft: that is the accountant’s to fix', () => {
    expect(exportFailureReason('economic', new AccountingRejected('Layout 3 does not exist', 400))).toBe(
      'Layout 3 does not exist',
    );
  });

  it('reads the saga’s failure as Step Functions hands it over', () => {
    const cause = (errorType: string, errorMessage: string) => JSON.stringify({ errorType, errorMessage });
    expect(sagaFailureReason('economic', undefined)).toBe('The export failed');
    expect(
      sagaFailureReason('economic', { Cause: cause('AccountingAuthFailed', 'token 123 is wrong') }),
    ).toBe('The e-conomic integration is not valid: e-conomic did not accept the credentials');
    expect(
      sagaFailureReason('economic', { Cause: cause('AccountingRejected', 'Layout 3 does not exist') }),
    ).toBe('Layout 3 does not exist');
    expect(sagaFailureReason('economic', { Error: 'States.Timeout', Cause: 'timed out' })).toBe('timed out');
  });
});
