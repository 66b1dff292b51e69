import {
  AccountingAuthFailed,
  AccountingRejected,
  AccountingUnavailable,
  type FailedCredentials,
} from '#domain/accounting-failures';
import { asRecord } from '../json.ts';

/**
 * Uniconta's own error signals that arrive with a SUCCESS status (contract §5): some errors come
 * back as 2xx with a plain-text body that is just an `ErrorCodes` member (`ArgumentMissing`), and
 * a JSON body can carry a non-empty `Err`. Every 2xx body is checked for both; the status alone
 * proves nothing.
 *
 * The member decides the port error:
 * - rights and login (`NoRights`, `NoSubscription`, `NoCompanyId`, …) → AccountingAuthFailed;
 * - the server's own failures (`Exception`, `SQLException`, …) → AccountingUnavailable: retryable,
 *   and a write's outcome is then unknown, so the adapter looks before it tries again;
 * - anything else (`ArgumentMissing`, `CouldNotCreate`, `ItemIsOnHold`, …) → AccountingRejected,
 *   with `{ Err: <member> }` as detail.
 * `Succes` (sic, value 0) is success.
 */

const SUCCESS = new Set(['Succes', 'Success', '0']);
const AUTH = new Set([
  'NoRights',
  'NoSubscription',
  'NoCompanyId',
  'LoginFailed',
  'UserNotFound',
  'NotLoggedIn',
]);
const SERVER = new Set(['Exception', 'SQLException', 'NoSucces', 'TimeOut', 'ServerBusy']);

/** An ErrorCodes member: one word of letters, as the plain-text body carries it. */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9]*$/;

/** The credentials an ErrorCodes member of the AUTH set points at. */
const failedCredentialsOf = (code: string): FailedCredentials =>
  code === 'NoCompanyId'
    ? { fields: ['companyId'], reason: 'not-accepted' }
    : code === 'NoRights' || code === 'NoSubscription'
      ? { fields: ['companyId'], reason: 'no-rights' }
      : { fields: ['userId', 'password'], reason: 'not-accepted' };

export const errorFromCode = (label: string, status: number, code: string, detail?: unknown): Error => {
  const message = `${label} answered ${status} with error ${code}`;
  if (AUTH.has(code)) return new AccountingAuthFailed(message, failedCredentialsOf(code));
  if (SERVER.has(code)) return new AccountingUnavailable(message);
  return new AccountingRejected(message, status, detail ?? { Err: code });
};

/** The error a 2xx answer hides, if any. */
export const errorInSuccess = (label: string, status: number, body: unknown): Error | undefined => {
  if (body === undefined) return undefined;
  if (typeof body === 'string') {
    const code = body.trim().replace(/^"(.*)"$/, '$1');
    if (code === '' || SUCCESS.has(code)) return undefined;
    return ERROR_CODE.test(code)
      ? errorFromCode(label, status, code)
      : new AccountingRejected(`${label} answered ${status} with text: ${code.slice(0, 200)}`, status, {
          text: code,
        });
  }
  const record = asRecord(body);
  const err = record?.Err;
  if (
    (typeof err === 'string' && err !== '' && !SUCCESS.has(err)) ||
    (typeof err === 'number' && err !== 0)
  ) {
    return errorFromCode(label, status, String(err), body);
  }
  return undefined;
};

/** The ErrorCodes member a rejection carries, if it came from Uniconta. */
export const errorCodeOf = (error: AccountingRejected): string | undefined => {
  const err = asRecord(error.detail)?.Err;
  return typeof err === 'string' ? err : undefined;
};
