/**
 * How fast the Uniconta adapter may call. Uniconta sends no rate header (docs/contracts/uniconta.md
 * §6), so a pacer has nothing to learn from before the first 429; the adapter is capped instead at
 * a configured number of calls per second (RequestRateCap, spaced evenly), so that it stays under
 * whatever rate the host admits rather than finding it by being refused.
 *
 * The cap is per adapter, that is per export and Lambda container: in AWS each lane of the saga's
 * Map (2 at once) is its own container, so an export calls at most 2 × the cap; locally the lanes
 * share one module, and one cap.
 */
import { serviceOrigin, urlList } from '#domain/accounting-hosts';

/** Calls a second per container by default: 10 a second for an export's two lanes, well under what Uniconta's own client makes. */
export const defaultUnicontaRequestsPerSecond = 5;

export interface UnicontaRateConfig {
  /** UNICONTA_REQUESTS_PER_SECOND: the cap for every host; the default when absent or empty. */
  readonly requestsPerSecond?: string | undefined;
  /**
   * UNICONTA_REQUESTS_PER_SECOND_BY_HOST: `<service root>=<calls a second>`, comma-separated, for
   * the hosts whose rate differs (a test agreement, the bench's simulators, each with its bucket).
   */
  readonly byHost?: string | undefined;
}

const positive = (text: string, name: string): number => {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`${name} must be a number of calls a second above 0, not "${text}"`);
  return value;
};

/** The cap for the integration whose service root is `baseUrl`. A value that is not a rate throws: a typo must not lift the cap. */
export const unicontaRequestsPerSecond = (baseUrl: string, config: UnicontaRateConfig): number => {
  const origin = serviceOrigin(baseUrl);
  for (const entry of urlList(config.byHost)) {
    const at = entry.lastIndexOf('=');
    if (at < 0) throw new RangeError(`UNICONTA_REQUESTS_PER_SECOND_BY_HOST: "${entry}" is not <host>=<rate>`);
    const rate = positive(entry.slice(at + 1).trim(), 'UNICONTA_REQUESTS_PER_SECOND_BY_HOST');
    if (origin !== undefined && serviceOrigin(entry.slice(0, at).trim()) === origin) return rate;
  }
  const given = config.requestsPerSecond?.trim();
  return given ? positive(given, 'UNICONTA_REQUESTS_PER_SECOND') : defaultUnicontaRequestsPerSecond;
};
