import type { Clock } from './clock.ts';
import { isJsonMediaType, mediaType, parseJson, type SimRequest } from './http.ts';

/**
 * Every request a simulator received (control API excepted), oldest first, so that a test can
 * assert the exact requests an adapter sent and count its calls.
 */
export interface LoggedRequest {
  /** 1, 2, 3… in arrival order. */
  readonly seq: number;
  /** ISO time of arrival (the simulator's clock). */
  readonly at: string;
  readonly method: string;
  /** The decoded path, e.g. `/orders/drafts/12`. */
  readonly path: string;
  readonly query: Record<string, string>;
  /** Every request header, names in lower case. */
  readonly headers: Record<string, string>;
  /** The body: parsed when it is JSON, else the text; absent when empty. */
  readonly body?: unknown;
  /** The status answered; absent while in flight and when the connection was dropped. */
  status?: number;
  /** `dropped`: the socket was destroyed without an answer. */
  outcome?: 'answered' | 'dropped';
  /** `X-ResultFromCache` replays, injected faults, … */
  readonly notes: string[];
}

export interface RequestFilter {
  readonly method?: string;
  /** Exact decoded path. */
  readonly path?: string;
}

const safeDecode = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  public constructor(private readonly clock: Clock) {}

  public add(request: SimRequest): LoggedRequest {
    this.seq += 1;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown;
    if (request.text !== '') {
      const parsed = isJsonMediaType(mediaType(request)) ? parseJson(request.text) : undefined;
      body = parsed?.ok ? parsed.value : request.text;
    }
    const entry: LoggedRequest = {
      seq: this.seq,
      at: new Date(this.clock.now()).toISOString(),
      method: request.method,
      path: safeDecode(request.path),
      query: Object.fromEntries(request.query.entries()),
      headers,
      ...(body !== undefined ? { body } : {}),
      notes: [],
    };
    this.entries.push(entry);
    return entry;
  }

  public list(filter: RequestFilter = {}): LoggedRequest[] {
    return this.entries.filter(
      (entry) =>
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || entry.path === filter.path),
    );
  }

  public clear(): void {
    this.entries = [];
  }
}
