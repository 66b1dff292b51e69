import { type AccountingSystemName, realBaseUrls } from './integration.ts';

/**
 * Where an accounting system may live is the deployment's decision, never a tenant's: the real
 * host, plus the service roots the deployment names (ECONOMIC_API_URL / UNICONTA_API_URL: a test
 * agreement's host, or the simulators of the local stack). Credentials are sent to no other host,
 * so a reseller cannot point its integration at a listener of its own and collect them, nor use
 * the check of its settings to probe the private network.
 *
 * Hosts are compared as normalized origins (scheme, host, port: what `URL.origin` gives), never as
 * string prefixes: `https://restapi.e-conomic.com.evil.example` and
 * `https://restapi.e-conomic.com@evil.example` are other hosts.
 */

/** What the deployment says about one system's hosts. */
export interface AccountingHostsConfig {
  /** The service root new integrations get (ECONOMIC_API_URL / UNICONTA_API_URL); allowed. */
  readonly defaultUrl?: string | undefined;
  /** More service roots an ADMIN may point an integration at (…_API_EXTRA_URLS, comma-separated). */
  readonly extraUrls?: readonly string[] | undefined;
}

/**
 * The origin of an http(s) service root (`https://host[:port]`, the default port left out), or
 * undefined when it is not one: another scheme, user info in it (credentials of its own, or a
 * way to disguise the host), or not a URL at all.
 */
export const serviceOrigin = (url: string): string | undefined => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.origin;
};

/** Splits a comma-separated list of service roots, as an environment variable holds them. */
export const urlList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');

/** The service roots allowed for a system, the real one first, each once. */
export const allowedServiceRoots = (
  system: AccountingSystemName,
  config: AccountingHostsConfig,
): string[] => {
  const roots = [realBaseUrls[system], config.defaultUrl, ...(config.extraUrls ?? [])].filter(
    (url): url is string => url !== undefined && url !== '' && serviceOrigin(url) !== undefined,
  );
  const seen = new Set<string>();
  return roots.filter((url) => {
    const origin = serviceOrigin(url)!;
    if (seen.has(origin)) return false;
    seen.add(origin);
    return true;
  });
};

/** Whether the system may be called at this URL: its origin is one of the allowed ones. */
export const isAllowedServiceRoot = (
  system: AccountingSystemName,
  url: string,
  config: AccountingHostsConfig,
): boolean => {
  const origin = serviceOrigin(url);
  return (
    origin !== undefined &&
    allowedServiceRoots(system, config).some((allowed) => serviceOrigin(allowed) === origin)
  );
};

/** The default service root of a system: the deployment's, else the real one. */
export const defaultServiceRoot = (system: AccountingSystemName, config: AccountingHostsConfig): string =>
  config.defaultUrl && serviceOrigin(config.defaultUrl) ? config.defaultUrl : realBaseUrls[system];
