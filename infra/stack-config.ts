import type { Node } from 'constructs';

/**
 * The knobs of a Faktura deployment, and where each one comes from.
 *
 * Why context and not environment variables: `cdk synth -c exportMaxConcurrency=4` is recorded in
 * the cloud assembly's manifest, so what was deployed can be read back from `cdk.out`; and the
 * same reader serves `infra/app.ts` (the CLI) and `infra/synthesize.ts` (the local runtime).
 */

/** Steady-state and burst request limits of the HTTP API's default stage. */
export interface ApiThrottling {
  /** Requests per second, averaged over time. */
  readonly rateLimit: number;
  /** Requests allowed in a burst of a second or so. */
  readonly burstLimit: number;
}

export type FunctionLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface FakturaSettings {
  /** The domain the notification e-mails are sent from; SES verifies it through DKIM. */
  readonly notificationDomain: string;
  /** Who gets the alarm e-mails; no subscription when absent (subscribe a pager or chat instead). */
  readonly alarmEmail?: string;
  /** How many batches of one export run at once against the reseller's accounting system. */
  readonly exportMaxConcurrency: number;
  readonly apiThrottling: ApiThrottling;
  readonly logLevel: FunctionLogLevel;
  /**
   * The accounting systems' hosts besides the real ones (a test agreement's, say): the default of
   * new integrations, and the only other host an ADMIN may point one at. https only.
   */
  readonly accountingHosts?: AccountingHosts;
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
  apiThrottleRateLimit: 'apiThrottleRateLimit',
  apiThrottleBurstLimit: 'apiThrottleBurstLimit',
  logLevel: 'logLevel',
  economicApiUrl: 'economicApiUrl',
  unicontaApiUrl: 'unicontaApiUrl',
} as const;

export const defaultSettings: FakturaSettings = {
  notificationDomain: 'faktura.example.com',
  exportMaxConcurrency: 2,
  // A back office for a few hundred people: generous for humans, tight enough that a runaway
  // script cannot run up the Lambda and DynamoDB bill.
  apiThrottling: { rateLimit: 50, burstLimit: 100 },
  logLevel: 'INFO',
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
    apiThrottling: {
      rateLimit:
        positiveInteger(read(contextKeys.apiThrottleRateLimit), contextKeys.apiThrottleRateLimit) ??
        defaultSettings.apiThrottling.rateLimit,
      burstLimit:
        positiveInteger(read(contextKeys.apiThrottleBurstLimit), contextKeys.apiThrottleBurstLimit) ??
        defaultSettings.apiThrottling.burstLimit,
    },
    logLevel: logLevel(read(contextKeys.logLevel)) ?? defaultSettings.logLevel,
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
