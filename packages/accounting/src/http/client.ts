import {
  AccountingAuthFailed,
  AccountingRejected,
  AccountingThrottled,
  AccountingUnavailable,
  type FailedCredentials,
} from '#domain/accounting-failures';
import { CallCounter } from './call-counter.ts';
import { type Pacer, RequestRateCap, ThrottleSpacing } from './pacer.ts';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  type HttpMethod,
  isIdempotent,
  parseRetryAfter,
  type RetryPolicy,
  retryAfterDelayMs,
} from './retry.ts';

/**
 * The one JSON-over-HTTP client both adapters use, on Node's built-in fetch (undici).
 *
 * - The base URL is the service root (`https://restapi.e-conomic.com`, `https://odata.uniconta.com`);
 *   a request names the documented path and its query. Credentials go only to that origin: a URL
 *   the server hands back (e-conomic's `pagination.nextPage`) is never followed blindly.
 * - Every attempt has its own timeout (AbortSignal.timeout), which covers reading the body too.
 * - Answers become the port's errors (errors.ts): 429 → AccountingThrottled (with `Retry-After`),
 *   5xx, timeouts and dropped connections → AccountingUnavailable, 401/403 → AccountingAuthFailed,
 *   any other 4xx → AccountingRejected with the system's error body as `detail`. A status the
 *   caller expects (e.g. 404 on a read) is returned instead, with `allowStatus`.
 * - Idempotent requests are retried (retry.ts); a 429 is retried whatever the method, as the limiter
 *   refused the call before doing anything; other failures of a write without a key are not.
 * - A 429 holds every call of the client until its Retry-After (or backoff) has passed, and widens
 *   the spacing between its calls until successes narrow it again (ThrottleSpacing); unless its
 *   own rate header shows room in the bucket, when only the refused call waits.
 * - Calls are paced (pacer.ts), optionally capped per second, and counted per port operation.
 *
 * Sleep, randomness and the clock are injectable, so tests assert the exact waits.
 */

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
  readonly method: HttpMethod;
  /** The documented path, appended to the base URL: '/orders/drafts', '/api/Entities/Insert/…'. */
  readonly path: string;
  /** In order; undefined values are left out. Values are percent-encoded (a space is %20). */
  readonly query?: readonly (readonly [string, QueryValue])[];
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as the `Idempotency-Key` header; makes a POST/PUT/DELETE retryable. */
  readonly idempotencyKey?: string;
  /** The port operation this call serves, for the call counter ('createDraft', …). */
  readonly operation: string;
  /** Statuses returned as a response rather than thrown (e.g. 404 when absence is an answer). */
  readonly allowStatus?: readonly number[];
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON, or the text when the body is not JSON, or undefined when empty. */
  readonly body: unknown;
  readonly text: string;
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** For messages: 'e-conomic', 'Uniconta'. */
  readonly systemName: string;
  readonly baseUrl: string;
  /** Sent on every request (credentials, Accept, …). */
  readonly headers: Readonly<Record<string, string>>;
  /** Default: the global fetch. */
  readonly fetch?: FetchFunction;
  /** Per attempt. Default 20 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). Default Math.random. */
  readonly random?: () => number;
  /** Milliseconds since the epoch. Default Date.now. */
  readonly now?: () => number;
  readonly pacer?: Pacer;
  /** Client-side cap on calls per second, on top of any pacer. */
  readonly maxRequestsPerSecond?: number;
  readonly counter?: CallCounter;
  /** The system's own account of a refused request, when it has a richer one than `message`. */
  readonly describeError?: (body: unknown) => string | undefined;
  /** Which credentials a 401/403 answer refused, as far as the system's answer tells. */
  readonly failedCredentials?: (status: number, body: unknown) => FailedCredentials | undefined;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  readonly calls: CallCounter;
}

export const defaultTimeoutMs = 20_000;

const realSleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));

export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new RangeError(`${options.systemName}: the base URL must be http(s), not ${base.protocol}`);
  }
  const root = base.href.replace(/\/+$/, '');
  const fetchFn: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const cap =
    options.maxRequestsPerSecond === undefined
      ? undefined
      : new RequestRateCap(options.maxRequestsPerSecond, now);
  const calls = options.counter ?? new CallCounter();
  const system = options.systemName;
  // A client paced by the system's own rate header learns no spacing from 429s: the header is exact.
  const throttle = new ThrottleSpacing(now, { learnSpacing: options.pacer === undefined });

  const request = async (req: HttpRequest): Promise<HttpResponse> => {
    const url = root + req.path + queryString(req.query);
    const label = `${system} ${req.method} ${req.path}`;
    const costKey = `${req.method} ${req.path.replace(/\/\d+(?=\/|$)/g, '/{n}')}`;
    const headers: Record<string, string> = { ...options.headers };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const retryable = isIdempotent(req.method, req.idempotencyKey);

    for (let attempt = 1; ; attempt += 1) {
      const wait = Math.max(
        cap?.reserve() ?? 0,
        options.pacer?.delayBefore(costKey) ?? 0,
        throttle.reserve(),
      );
      if (wait > 0) await sleep(wait);
      const sentAt = now();
      calls.record(req.operation);

      let error: Error;
      try {
        const response = await fetchFn(url, {
          method: req.method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(timeoutMs),
          // A redirect is answered as a rejection, not followed: the credentials stay with the base URL.
          redirect: 'manual',
        });
        const text = await response.text();
        options.pacer?.observe(response.headers, costKey, sentAt);
        const parsed = parseBody(text);
        if ((response.status >= 200 && response.status < 300) || req.allowStatus?.includes(response.status)) {
          throttle.succeeded();
          return { status: response.status, headers: response.headers, body: parsed, text };
        }
        error = statusError(
          label,
          response.status,
          response.headers,
          parsed,
          now(),
          options.describeError?.(parsed) ?? describe(parsed),
          options.failedCredentials,
        );
      } catch (thrown) {
        error = transportError(label, thrown, retryable);
      }

      const throttled = error instanceof AccountingThrottled;
      // A 429 is the limiter refusing the call before anything was done, so even a write without
      // an Idempotency-Key may be sent again; a 5xx or a lost connection may come after the work.
      if (!(retryable || throttled) || attempt >= policy.maxAttempts) throw error;
      if (throttled || error instanceof AccountingUnavailable) {
        const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retryAfter !== undefined && retryAfter * 1000 > policy.maxRetryAfterMs) throw error;
        const delay =
          retryAfter === undefined
            ? backoffDelayMs(attempt, policy, random)
            : retryAfterDelayMs(retryAfter, policy, random);
        // The bucket is empty for every call of this client, not only this one (ThrottleSpacing);
        // the wait itself is taken at the top of the loop, with the other calls'. Unless the 429's
        // own rate header shows room (e-conomic sends it on every answer): then the bucket did not
        // refuse us, and only this call waits. Holding every call for each such 429 cost a
        // month-end export at e-conomic's real bucket a tenth of its time.
        if (throttled && !options.pacer?.hasRoomFor(costKey)) throttle.throttled(delay, sentAt);
        else await sleep(delay);
        continue;
      }
      throw error;
    }
  };

  return { request, calls };
};

const queryString = (query: HttpRequest['query']): string => {
  if (!query) return '';
  const parts = query
    .filter((entry): entry is readonly [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
};

const parseBody = (text: string): unknown => {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** The system's own words, when its error body has them (e-conomic `message`, problem+json `title`). */
const describe = (body: unknown): string => {
  if (typeof body === 'string') return body.slice(0, 300);
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    // Uniconta names the ErrorCodes member in `Err`, next to its Message.
    if (typeof record.Err === 'string' && typeof record.Message === 'string')
      return `${record.Err}: ${record.Message}`;
    for (const key of ['message', 'title', 'error', 'Message', 'Err']) {
      if (typeof record[key] === 'string') return record[key] as string;
    }
  }
  return '';
};

/** A 5xx error keeps its status, for logs. */
export class UnavailableWithStatus extends AccountingUnavailable {
  public constructor(
    message: string,
    public readonly status: number,
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const statusError = (
  label: string,
  status: number,
  headers: Headers,
  body: unknown,
  nowMs: number,
  said: string,
  failedCredentials?: HttpClientOptions['failedCredentials'],
): Error => {
  const message = `${label} answered ${status}${said ? `: ${said}` : ''}`;
  if (status === 429)
    return new AccountingThrottled(message, parseRetryAfter(headers.get('retry-after'), nowMs));
  if (status >= 500) {
    return new UnavailableWithStatus(message, status, parseRetryAfter(headers.get('retry-after'), nowMs));
  }
  if (status === 401 || status === 403)
    return new AccountingAuthFailed(message, failedCredentials?.(status, body));
  return new AccountingRejected(message, status, body);
};

const transportError = (label: string, thrown: unknown, retryable: boolean): Error => {
  const error = thrown as Error & { cause?: { code?: string; message?: string } };
  const timedOut = error?.name === 'TimeoutError' || error?.name === 'AbortError';
  const why = timedOut
    ? 'timed out'
    : `failed: ${error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(thrown)}`;
  // Without an idempotency key the request may have taken effect; the caller must look before retrying.
  const outcome = retryable ? '' : ' (outcome unknown: it may have taken effect)';
  return new AccountingUnavailable(`${label} ${why}${outcome}`, { cause: thrown });
};

/** The knobs of the HTTP client an adapter passes through from its own options. */
export type HttpTuning = Pick<
  HttpClientOptions,
  'fetch' | 'timeoutMs' | 'retry' | 'sleep' | 'random' | 'now' | 'maxRequestsPerSecond' | 'counter'
>;
