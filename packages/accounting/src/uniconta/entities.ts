/**
 * Uniconta's entity API as one integration reaches it: the HTTP client (Basic auth, every call
 * counted against the daily allowance) and the filtered read every operation starts from. Shared
 * by the reader (reader.ts: credentials, master data, VAT codes) and the draft writer (adapter.ts),
 * so that a function that only reads bundles none of the writes.
 */
import { AccountingUnavailable, type FailedCredentials } from '#domain/accounting-failures';
import { CallCounter } from '../http/call-counter.ts';
import { createHttpClient, type HttpClient, type HttpTuning } from '../http/client.ts';
import { asRecords, type JsonRecord } from '../json.ts';
import { errorInSuccess } from './errors.ts';

export interface UnicontaAdapterOptions extends HttpTuning {
  /** The service root, e.g. `https://odata.uniconta.com` or a simulator's. */
  readonly baseUrl: string;
  readonly companyId: number | string;
  /** The UserLoginId (a dedicated server user, as Uniconta recommends for integrations). */
  readonly userId: string;
  readonly password: string;
  /** The company's VAT code for VAT-exempt lines (an integration setting, checked when saved): without it, such lines are refused. */
  readonly exemptVatCode?: string;
}

export const ENTITIES = '/api/Entities';

export type Entity = JsonRecord;

export const unicontaAuthorization = (companyId: number | string, userId: string, password: string): string =>
  `Basic ${Buffer.from(`00${companyId}/${userId}:${password}`, 'utf8').toString('base64')}`;

/**
 * Uniconta answers a login it does not know (user or password) 401, and a user who may not use
 * the company 403 (contract §2): the status says which credentials to fix.
 */
export const unicontaFailedCredentials = (status: number): FailedCredentials =>
  status === 403
    ? { fields: ['companyId'], reason: 'no-rights' }
    : { fields: ['userId', 'password'], reason: 'not-accepted' };

export interface UnicontaEntities {
  readonly calls: CallCounter;
  readonly http: HttpClient;
  /** Every entity of a kind, or those whose field `filter[0]` is `filter[1]` (the API's one filter). */
  query(entity: string, operation: string, filter?: readonly [string, string | number]): Promise<Entity[]>;
}

export const unicontaEntities = (options: UnicontaAdapterOptions): UnicontaEntities => {
  const calls = options.counter ?? new CallCounter();
  const http: HttpClient = createHttpClient({
    ...options,
    systemName: 'Uniconta',
    counter: calls,
    failedCredentials: unicontaFailedCredentials,
    headers: {
      Authorization: unicontaAuthorization(options.companyId, options.userId, options.password),
      Accept: 'application/json',
    },
  });
  return {
    calls,
    http,
    async query(entity, operation, filter) {
      const label = `Uniconta GET ${ENTITIES}/${entity}`;
      const response = await http.request({
        method: 'GET',
        path: `${ENTITIES}/${entity}`,
        ...(filter ? { query: [['Name', filter[0]] as const, ['Value', filter[1]] as const] } : {}),
        operation,
      });
      const hidden = errorInSuccess(label, response.status, response.body);
      if (hidden) throw hidden;
      if (!Array.isArray(response.body)) {
        throw new AccountingUnavailable(`${label} answered ${response.status} without a JSON array`);
      }
      return asRecords(response.body);
    },
  };
};
