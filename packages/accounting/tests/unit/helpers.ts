import type { FetchFunction } from '../../src/http/client.ts';

/** A request as the fake fetch saw it: what a test asserts, exactly. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export type Reply =
  | {
      readonly status: number;
      readonly json?: unknown;
      readonly text?: string;
      readonly headers?: Record<string, string>;
    }
  | { readonly error: Error };

/** A JSON reply. */
export const reply = (status: number, json?: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  ...(json === undefined ? {} : { json }),
  headers,
});

/** A dropped connection, as undici reports it. */
export const connectionReset = (): Reply => ({
  error: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }),
});

export const timeout = (): Reply => ({
  error: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
});

/**
 * An in-process fetch that records every request and answers from a script: either a queue of
 * replies, or a function of the request (a tiny fake server).
 */
export const fakeFetch = (script: Reply[] | ((request: SentRequest) => Reply)) => {
  const sent: SentRequest[] = [];
  const queue = Array.isArray(script) ? [...script] : undefined;
  const fetch: FetchFunction = async (input, init) => {
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k, v]),
    );
    const raw = init.body === undefined ? undefined : String(init.body);
    const request: SentRequest = {
      method: init.method ?? 'GET',
      url: input,
      headers,
      body: raw === undefined ? undefined : JSON.parse(raw),
    };
    sent.push(request);
    const next = queue ? queue.shift() : (script as (r: SentRequest) => Reply)(request);
    if (!next) throw new Error(`Unexpected request: ${request.method} ${request.url}`);
    if ('error' in next) throw next.error;
    const body = next.text ?? (next.json === undefined ? '' : JSON.stringify(next.json));
    return new Response(next.status === 204 ? null : body, {
      status: next.status,
      headers: { 'content-type': 'application/json', ...next.headers },
    });
  };
  return { fetch, sent, remaining: () => queue?.length ?? 0 };
};

/** Sleeps that return at once and remember how long they were asked to wait. */
export const recordingSleep = () => {
  const waits: number[] = [];
  return { sleep: async (ms: number) => void waits.push(ms), waits };
};

/** A clock tests move by hand. */
export const manualClock = (start = Date.parse('2026-10-31T12:00:00Z')) => {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
};
