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
}

/** The CDK context keys a deployment may set (`cdk synth -c key=value` or `cdk.json`). */
export const contextKeys = {
  notificationDomain: 'notificationDomain',
  alarmEmail: 'alarmEmail',
  exportMaxConcurrency: 'exportMaxConcurrency',
  apiThrottleRateLimit: 'apiThrottleRateLimit',
  apiThrottleBurstLimit: 'apiThrottleBurstLimit',
  logLevel: 'logLevel',
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
  };
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
