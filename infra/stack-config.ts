import type { Node } from 'constructs';
import { defaultClosePaging } from './constructs/monthly-close-machine.ts';

/**
 * The knobs of a Faktura deployment, and where each one comes from.
 *
 * Why context and not environment variables: `cdk synth -c exportMaxConcurrency=4` is recorded in
 * the cloud assembly's manifest, so what was deployed can be read back from `cdk.out`; and the
 * same reader serves `infra/app.ts` (the CLI) and `infra/synthesize.ts` (the local runtime).
 */

/** Steady-state and burst request limits, as API Gateway's token bucket takes them. */
export interface Throttle {
  /** Requests per second, averaged over time. */
  readonly rateLimit: number;
  /** Requests allowed in a burst of a second or so. */
  readonly burstLimit: number;
}

/**
 * The HTTP API's limits: the default stage's for every route, and tighter ones for the two routes
 * whose single call costs the most (an export starts a saga against the reseller's accounting
 * system; an invoice create writes a transaction of up to 100 items and several megabytes).
 */
export interface ApiThrottling extends Throttle {
  /** `POST /integration/{system}/invoice/draft`. */
  readonly exportRequest: Throttle;
  /** `POST /invoice`. */
  readonly invoiceCreate: Throttle;
}

export type FunctionLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface FakturaSettings {
  /** The domain the notification e-mails are sent from; SES verifies it through DKIM. */
  readonly notificationDomain: string;
  /** Who gets the alarm e-mails; no subscription when absent (subscribe a pager or chat instead). */
  readonly alarmEmail?: string;
  /** How many batches of one export run at once against the reseller's accounting system. */
  readonly exportMaxConcurrency: number;
  /** The monthly close's page of resellers (infra/constructs/monthly-close-machine.ts says why these). */
  readonly monthlyClose: MonthlyClosePaging;
  readonly apiThrottling: ApiThrottling;
  readonly logLevel: FunctionLogLevel;
  /** Minutes between booking syncs (functions/bookings/sync.ts): what the accounting systems booked and paid. */
  readonly bookingSyncEveryMinutes: number;
  /**
   * The accounting systems' hosts besides the real ones (a test agreement's, say): the default of
   * new integrations, and the only other host an ADMIN may point one at. https only.
   */
  readonly accountingHosts?: AccountingHosts;
}

/**
 * How the monthly close spreads its resellers: each page of the run is `groupsPerPage` child
 * executions, run at once, each closing `resellersPerGroup` resellers at once.
 */
export interface MonthlyClosePaging {
  readonly resellersPerGroup: number;
  readonly groupsPerPage: number;
}

/** `economicApiUrl` / `unicontaApiUrl`: given to the functions as ECONOMIC_API_URL / UNICONTA_API_URL. */
export interface AccountingHosts {
  readonly economic?: string;
  readonly uniconta?: string;
}

/** The CDK context keys a deployment may set (`cdk synth -c key=value` or `cdk.json`). */
export const contextKeys = {
  notificationDomain: 'notificationDomain',
  alarmEmail: 'alarmEmail',
  exportMaxConcurrency: 'exportMaxConcurrency',
  closeResellersPerGroup: 'closeResellersPerGroup',
  closeGroupsPerPage: 'closeGroupsPerPage',
  apiThrottleRateLimit: 'apiThrottleRateLimit',
  apiThrottleBurstLimit: 'apiThrottleBurstLimit',
  apiThrottleExportRateLimit: 'apiThrottleExportRateLimit',
  apiThrottleExportBurstLimit: 'apiThrottleExportBurstLimit',
  apiThrottleInvoiceCreateRateLimit: 'apiThrottleInvoiceCreateRateLimit',
  apiThrottleInvoiceCreateBurstLimit: 'apiThrottleInvoiceCreateBurstLimit',
  logLevel: 'logLevel',
  bookingSyncEveryMinutes: 'bookingSyncEveryMinutes',
  economicApiUrl: 'economicApiUrl',
  unicontaApiUrl: 'unicontaApiUrl',
} as const;

export const defaultSettings: FakturaSettings = {
  notificationDomain: 'faktura.example.com',
  exportMaxConcurrency: 2,
  // 50 resellers closed at once: 10,000 resellers of 1,000 customers in about two hours
  // (docs/performance.md, section 8), each execution's history under a quarter of 25,000 events.
  monthlyClose: defaultClosePaging,
  // A back office for a few hundred people: generous for humans, tight enough that a runaway
  // script cannot run up the Lambda and DynamoDB bill.
  apiThrottling: {
    rateLimit: 50,
    burstLimit: 100,
    // A reseller exports a month once or a few times; a script looping on it would queue sagas
    // that each hold the month's lock and call the accounting API: one a second is plenty.
    exportRequest: { rateLimit: 1, burstLimit: 5 },
    // Invoices are made by people (or the monthly close, which does not go through the API): ten a
    // second is far beyond a person, and caps what a runaway client costs in DynamoDB writes.
    invoiceCreate: { rateLimit: 10, burstLimit: 20 },
  },
  logLevel: 'INFO',
  // Hourly: a bookkeeper books a month's drafts over days, and a run costs Uniconta 3 calls of its
  // 5,000 a day (72 a day), e-conomic a few paged reads.
  bookingSyncEveryMinutes: 60,
};

const logLevels: readonly FunctionLogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** Reads the settings from CDK context, falling back to the defaults; rejects values that make no sense. */
export function settingsFromContext(node: Node): FakturaSettings {
  const read = (key: string): unknown => node.tryGetContext(key);
  const alarmEmail = optionalString(read(contextKeys.alarmEmail), contextKeys.alarmEmail);
  const economic = httpsServiceRoot(read(contextKeys.economicApiUrl), contextKeys.economicApiUrl);
  const uniconta = httpsServiceRoot(read(contextKeys.unicontaApiUrl), contextKeys.unicontaApiUrl);
  return {
    notificationDomain:
      optionalString(read(contextKeys.notificationDomain), contextKeys.notificationDomain) ??
      defaultSettings.notificationDomain,
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
    exportMaxConcurrency:
      positiveInteger(read(contextKeys.exportMaxConcurrency), contextKeys.exportMaxConcurrency) ??
      defaultSettings.exportMaxConcurrency,
    monthlyClose: {
      resellersPerGroup:
        positiveInteger(read(contextKeys.closeResellersPerGroup), contextKeys.closeResellersPerGroup) ??
        defaultSettings.monthlyClose.resellersPerGroup,
      groupsPerPage:
        positiveInteger(read(contextKeys.closeGroupsPerPage), contextKeys.closeGroupsPerPage) ??
        defaultSettings.monthlyClose.groupsPerPage,
    },
    apiThrottling: apiThrottling(read),
    logLevel: logLevel(read(contextKeys.logLevel)) ?? defaultSettings.logLevel,
    bookingSyncEveryMinutes:
      positiveInteger(read(contextKeys.bookingSyncEveryMinutes), contextKeys.bookingSyncEveryMinutes) ??
      defaultSettings.bookingSyncEveryMinutes,
    ...(economic || uniconta
      ? { accountingHosts: { ...(economic ? { economic } : {}), ...(uniconta ? { uniconta } : {}) } }
      : {}),
  };
}

/**
 * An accounting host must be https in AWS: the credentials travel in its headers. A URL with user
 * info is refused too (it would carry credentials of its own, or disguise the host).
 */
export function httpsServiceRoot(value: unknown, key: string): string | undefined {
  const url = optionalString(value, key);
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Context ${key} must be an https URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') {
    throw new Error(`Context ${key} must be an https URL without user info, got ${JSON.stringify(url)}`);
  }
  return url;
}

const throttle = (
  read: (key: string) => unknown,
  rateKey: string,
  burstKey: string,
  fallback: Throttle,
): Throttle => ({
  rateLimit: positiveInteger(read(rateKey), rateKey) ?? fallback.rateLimit,
  burstLimit: positiveInteger(read(burstKey), burstKey) ?? fallback.burstLimit,
});

/** The stage's limits and the tighter routes'; a route allowed more than the stage is a mistake. */
function apiThrottling(read: (key: string) => unknown): ApiThrottling {
  const defaults = defaultSettings.apiThrottling;
  const stage = throttle(read, contextKeys.apiThrottleRateLimit, contextKeys.apiThrottleBurstLimit, defaults);
  const exportRequest = throttle(
    read,
    contextKeys.apiThrottleExportRateLimit,
    contextKeys.apiThrottleExportBurstLimit,
    defaults.exportRequest,
  );
  const invoiceCreate = throttle(
    read,
    contextKeys.apiThrottleInvoiceCreateRateLimit,
    contextKeys.apiThrottleInvoiceCreateBurstLimit,
    defaults.invoiceCreate,
  );
  for (const [name, route] of Object.entries({ exportRequest, invoiceCreate })) {
    if (route.rateLimit > stage.rateLimit || route.burstLimit > stage.burstLimit) {
      throw new Error(
        `The ${name} throttling (${route.rateLimit}/s, burst ${route.burstLimit}) must not exceed the stage's (${stage.rateLimit}/s, burst ${stage.burstLimit})`,
      );
    }
  }
  return { ...stage, exportRequest, invoiceCreate };
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string')
    throw new Error(`Context ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** `-c key=4` arrives as the string "4"; cdk.json gives a number. Both are accepted. */
function positiveInteger(value: unknown, key: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = typeof value === 'string' ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`Context ${key} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function logLevel(value: unknown): FunctionLogLevel | undefined {
  if (value === undefined || value === '') return undefined;
  const level = typeof value === 'string' ? value.toUpperCase() : value;
  if (!logLevels.includes(level as FunctionLogLevel)) {
    throw new Error(`Context ${contextKeys.logLevel} must be one of ${logLevels.join(', ')}`);
  }
  return level as FunctionLogLevel;
}
