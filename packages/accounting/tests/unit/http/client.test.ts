import { describe, expect, it } from 'vitest';
import {
  AccountingAuthFailed,
  AccountingRejected,
  AccountingThrottled,
  AccountingUnavailable,
} from '#domain/accounting-failures';
import { createHttpClient, type HttpClientOptions } from '../../../src/http/client.ts';
import { TokenBucketPacer } from '../../../src/http/pacer.ts';
import {
  connectionReset,
  fakeFetch,
  manualClock,
  type Reply,
  recordingSleep,
  reply,
  timeout,
} from '../helpers.ts';

const client = (script: Reply[], overrides: Partial<HttpClientOptions> = {}) => {
  const server = fakeFetch(script);
  const sleeper = recordingSleep();
  const http = createHttpClient({
    systemName: 'e-conomic',
    baseUrl: 'https://restapi.example.test/',
    headers: { 'X-AppSecretToken': 'app', Accept: 'application/json' },
    fetch: server.fetch,
    sleep: sleeper.sleep,
    random: () => 0.5,
    // A clock that stands still unless a test moves it: waits come out exact.
    now: manualClock().now,
    ...overrides,
  });
  return { http, server, waits: sleeper.waits };
};

describe('createHttpClient: the request sent', () => {
  it('appends the path and the percent-encoded query to the base URL, with the fixed headers', async () => {
    // Prepare
    const { http, server } = client([reply(200, { ok: true })]);

    // Act
    const response = await http.request({
      method: 'GET',
      path: '/orders/drafts',
      query: [
        ['filter', 'references.other$eq:A B/é'],
        ['skip', undefined],
        ['pagesize', 1000],
      ],
      operation: 'findDraftByReference',
    });

    // Assess
    expect(server.sent).toEqual([
      {
        method: 'GET',
        url: 'https://restapi.example.test/orders/drafts?filter=references.other%24eq%3AA%20B%2F%C3%A9&pagesize=1000',
        headers: { 'X-AppSecretToken': 'app', Accept: 'application/json' },
        body: undefined,
      },
    ]);
    expect(response).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('sends a body as JSON with its Content-Type, and the Idempotency-Key when given', async () => {
    const { http, server } = client([reply(201, { orderNumber: 7 })]);

    await http.request({
      method: 'POST',
      path: '/orders/drafts',
      body: { a: 1 },
      idempotencyKey: 'key-1',
      operation: 'createDraft',
    });

    expect(server.sent[0]).toEqual({
      method: 'POST',
      url: 'https://restapi.example.test/orders/drafts',
      headers: {
        'X-AppSecretToken': 'app',
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Idempotency-Key': 'key-1',
      },
      body: { a: 1 },
    });
  });

  it('returns a non-JSON body as its text, and an empty one as undefined', async () => {
    const { http } = client([{ status: 200, text: 'ArgumentMissing' }, { status: 204 }]);

    const text = await http.request({ method: 'GET', path: '/a', operation: 'x' });
    const empty = await http.request({ method: 'GET', path: '/b', operation: 'x' });

    expect(text.body).toBe('ArgumentMissing');
    expect(empty.body).toBeUndefined();
  });

  it('counts every attempt against its port operation', async () => {
    const { http } = client([reply(503), reply(200, {}), reply(200, {})]);

    await http.request({ method: 'GET', path: '/a', operation: 'loadMasterData' });
    await http.request({ method: 'GET', path: '/self', operation: 'verifyCredentials' });

    expect(http.calls.snapshot()).toEqual({ loadMasterData: 2, verifyCredentials: 1 });
    expect(http.calls.total()).toBe(3);
  });
});

describe('createHttpClient: errors', () => {
  const noRetry = { retry: { maxAttempts: 1 } };

  it.each([
    [429, AccountingThrottled],
    [500, AccountingUnavailable],
    [502, AccountingUnavailable],
    [503, AccountingUnavailable],
    [504, AccountingUnavailable],
    [401, AccountingAuthFailed],
    [403, AccountingAuthFailed],
    [400, AccountingRejected],
    [404, AccountingRejected],
    [409, AccountingRejected],
    [415, AccountingRejected],
    [422, AccountingRejected],
  ])('maps %i to %s', async (status, type) => {
    const { http } = client([reply(status, { message: 'Nope' })], noRetry);

    const error = await http.request({ method: 'GET', path: '/a', operation: 'x' }).catch((e) => e);

    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(`e-conomic GET /a answered ${status}: Nope`);
  });

  it('keeps the system error body of a rejection as detail, and its status', async () => {
    const body = {
      message: 'Validation error.',
      errors: { lines: [{ arrayIndex: 0, unitNetPrice: { errors: [{ errorCode: 'E04740' }] } }] },
    };
    const { http } = client([reply(400, body)]);

    const error = await http
      .request({ method: 'POST', path: '/orders/drafts', body: {}, idempotencyKey: 'k', operation: 'x' })
      .catch((e) => e);

    expect(error).toBeInstanceOf(AccountingRejected);
    expect(error).toMatchObject({ status: 400, detail: body });
  });

  it.each([
    ['delta-seconds', '7', 7],
    ['an HTTP date', 'Sat, 31 Oct 2026 12:00:09 GMT', 9],
  ])('reads Retry-After given as %s', async (_, header, seconds) => {
    const clock = manualClock(Date.parse('2026-10-31T12:00:00Z'));
    const { http } = client([reply(429, {}, { 'Retry-After': header })], { ...noRetry, now: clock.now });

    const error = await http.request({ method: 'GET', path: '/a', operation: 'x' }).catch((e) => e);

    expect(error).toBeInstanceOf(AccountingThrottled);
    expect(error.retryAfterSeconds).toBe(seconds);
  });

  it.each([
    ['a dropped connection', connectionReset(), 'e-conomic GET /a failed: ECONNRESET'],
    ['a timeout', timeout(), 'e-conomic GET /a timed out'],
  ])('maps %s to AccountingUnavailable', async (_, failure, message) => {
    const { http } = client([failure], noRetry);

    const error = await http.request({ method: 'GET', path: '/a', operation: 'x' }).catch((e) => e);

    expect(error).toBeInstanceOf(AccountingUnavailable);
    expect(error.message).toBe(message);
  });

  it('says the outcome is unknown when a write without a key fails in transit', async () => {
    const { http } = client([connectionReset()]);

    const error = await http
      .request({ method: 'POST', path: '/api/Entities/Insert/DebtorOrderClient', body: {}, operation: 'x' })
      .catch((e) => e);

    expect(error).toBeInstanceOf(AccountingUnavailable);
    expect(error.message).toContain('outcome unknown');
  });

  it('aborts an attempt after its timeout', async () => {
    const http = createHttpClient({
      systemName: 'Uniconta',
      baseUrl: 'https://odata.example.test',
      headers: {},
      timeoutMs: 20,
      retry: { maxAttempts: 1 },
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    });

    const error = await http.request({ method: 'GET', path: '/slow', operation: 'x' }).catch((e) => e);

    expect(error).toBeInstanceOf(AccountingUnavailable);
    expect(error.message).toBe('Uniconta GET /slow timed out');
  });

  it('does not follow a redirect with the credentials: it is a rejection', async () => {
    const { http } = client([reply(302, undefined, { Location: 'https://elsewhere.example.test/' })]);

    const error = await http.request({ method: 'GET', path: '/a', operation: 'x' }).catch((e) => e);

    expect(error).toBeInstanceOf(AccountingRejected);
    expect(error.status).toBe(302);
  });

  it('returns a status the caller allows instead of throwing', async () => {
    const { http } = client([reply(404, { errorCode: 'E06000' })]);

    const response = await http.request({
      method: 'GET',
      path: '/orders/drafts/5',
      operation: 'x',
      allowStatus: [404],
    });

    expect(response).toMatchObject({ status: 404, body: { errorCode: 'E06000' } });
  });
});

describe('createHttpClient: retries', () => {
  it('retries a GET on 5xx, timeouts and resets, with full-jitter exponential backoff', async () => {
    // Prepare: random() = 0.5, base 250 ms → waits of 0.5 × 250, 0.5 × 500, 0.5 × 1000
    const { http, server, waits } = client([reply(500), timeout(), connectionReset(), reply(200, { ok: 1 })]);

    // Act
    const response = await http.request({ method: 'GET', path: '/customers', operation: 'loadMasterData' });

    // Assess
    expect(response.body).toEqual({ ok: 1 });
    expect(server.sent).toHaveLength(4);
    expect(waits).toEqual([125, 250, 500]);
  });

  it('caps the exponential part at maxDelayMs', async () => {
    const { http, waits } = client([reply(503), reply(503), reply(503), reply(200, {})], {
      random: () => 0.999,
      retry: { baseDelayMs: 1000, maxDelayMs: 1500 },
    });

    await http.request({ method: 'GET', path: '/a', operation: 'x' });

    expect(waits).toEqual([999, 1498, 1498]);
  });

  it('gives up after maxAttempts and throws the last error', async () => {
    const { http, server } = client([
      reply(503),
      reply(503),
      reply(503),
      reply(429, {}, { 'Retry-After': '1' }),
    ]);

    const error = await http.request({ method: 'GET', path: '/a', operation: 'x' }).catch((e) => e);

    expect(server.sent).toHaveLength(4);
    expect(error).toBeInstanceOf(AccountingThrottled);
    expect(error.retryAfterSeconds).toBe(1);
  });

  it('honours Retry-After on 429 (plus at most one base delay of jitter)', async () => {
    const { http, waits } = client([reply(429, {}, { 'Retry-After': '3' }), reply(200, {})]);

    await http.request({ method: 'GET', path: '/a', operation: 'x' });

    expect(waits).toEqual([3000 + 125]);
  });

  it('honours Retry-After on 503 too', async () => {
    const { http, waits } = client([reply(503, {}, { 'Retry-After': '2' }), reply(200, {})]);

    await http.request({ method: 'GET', path: '/a', operation: 'x' });

    expect(waits).toEqual([2125]);
  });

  it('does not sit out a Retry-After longer than maxRetryAfterMs: the saga waits instead', async () => {
    const { http, server, waits } = client([reply(429, {}, { 'Retry-After': '120' })]);

    const error = await http.request({ method: 'GET', path: '/a', operation: 'x' }).catch((e) => e);

    expect(server.sent).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ name: 'AccountingThrottled', retryAfterSeconds: 120 });
  });

  it('retries a POST or DELETE that carries an Idempotency-Key, with the same key', async () => {
    const { http, server } = client([reply(502), reply(201, { orderNumber: 1 }), reply(500), reply(204)]);

    await http.request({
      method: 'POST',
      path: '/orders/drafts',
      body: {},
      idempotencyKey: 'k1',
      operation: 'c',
    });
    await http.request({ method: 'DELETE', path: '/orders/drafts/1', idempotencyKey: 'k2', operation: 'd' });

    expect(server.sent.map((r) => [r.method, r.headers['Idempotency-Key']])).toEqual([
      ['POST', 'k1'],
      ['POST', 'k1'],
      ['DELETE', 'k2'],
      ['DELETE', 'k2'],
    ]);
  });

  it.each([
    ['POST', reply(503)],
    ['DELETE', reply(503)],
    ['PUT', connectionReset()],
  ] as const)(
    'never retries a %s without an Idempotency-Key on a failure that may follow the work',
    async (method, failure) => {
      const { http, server, waits } = client([failure, reply(200, {})]);

      const error = await http.request({ method, path: '/a', body: {}, operation: 'x' }).catch((e) => e);

      expect(server.sent).toHaveLength(1);
      expect(waits).toEqual([]);
      expect(error.name).toMatch(/AccountingUnavailable|AccountingThrottled/);
    },
  );

  it('retries a POST without an Idempotency-Key after a 429: the limiter refused it before any work', async () => {
    const { http, server, waits } = client([reply(429, {}, { 'Retry-After': '1' }), reply(201, { id: 1 })]);

    const response = await http.request({ method: 'POST', path: '/a', body: { x: 1 }, operation: 'x' });

    expect(response.status).toBe(201);
    expect(server.sent.map((r) => [r.method, r.body])).toEqual([
      ['POST', { x: 1 }],
      ['POST', { x: 1 }],
    ]);
    expect(waits).toEqual([1125]);
  });

  it('holds every other call of the client until the Retry-After of a 429 has passed', async () => {
    // Prepare: the clock stands still, so the second call must wait out the first one's Retry-After
    const { http, waits } = client([reply(429, {}, { 'Retry-After': '2' }), reply(200, {}), reply(200, {})]);

    // Act
    await http.request({ method: 'GET', path: '/a', operation: 'x' });
    await http.request({ method: 'GET', path: '/b', operation: 'x' });

    // Assess: the retry waits out the Retry-After; the next call too, and then the 100 ms spacing
    // the 429 put between calls (the clock did not move)
    expect(waits).toEqual([2125, 2225]);
  });

  it.each([
    [400, 'AccountingRejected'],
    [401, 'AccountingAuthFailed'],
    [403, 'AccountingAuthFailed'],
    [404, 'AccountingRejected'],
  ])('never retries a %i', async (status, name) => {
    const { http, server } = client([reply(status, {}), reply(200, {})]);

    const error = await http.request({ method: 'GET', path: '/a', operation: 'x' }).catch((e) => e);

    expect(server.sent).toHaveLength(1);
    expect(error.name).toBe(name);
  });
});

describe('createHttpClient: pacing', () => {
  it('waits before a call when the X-RateLimiting bucket is nearly empty', async () => {
    // Prepare: 100 tokens per 10 s (10 a second); 95 used → 5 left, reserve 10, cost 1
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });
    const { http, waits } = client(
      [
        reply(200, {}, { 'X-RateLimiting': 'token-limit-100-per-10-seconds: 95/100', 'X-CallCost': '1' }),
        reply(200, {}),
      ],
      { pacer, now: clock.now },
    );

    // Act
    await http.request({ method: 'GET', path: '/customers', operation: 'x' });
    await http.request({ method: 'GET', path: '/customers', operation: 'x' });

    // Assess: (10 + 1 − 5) tokens / 10 per second = 600 ms
    expect(waits).toEqual([600]);
  });

  it('holds the other calls for a 429 whose rate header shows the bucket empty, not for one that shows room', async () => {
    // Prepare: two 429s with the same Retry-After, then successes; the clock stands still
    const clock = manualClock();
    const pacer = new TokenBucketPacer({ now: clock.now });
    const roomy = { 'Retry-After': '1', 'X-RateLimiting': 'token-limit-100-per-10-seconds: 20/100' };
    const empty = { 'Retry-After': '1', 'X-RateLimiting': 'token-limit-100-per-10-seconds: 100/100' };
    const { http, waits } = client(
      [
        reply(429, {}, roomy),
        reply(200, {}, roomy),
        reply(200, {}, roomy),
        reply(429, {}, empty),
        reply(200, {}, roomy),
        reply(200, {}, roomy),
      ],
      { pacer, now: clock.now },
    );

    // Act
    await http.request({ method: 'GET', path: '/a', operation: 'x' });
    await http.request({ method: 'GET', path: '/b', operation: 'x' });
    const afterRoomy = [...waits];
    await http.request({ method: 'GET', path: '/c', operation: 'x' });
    await http.request({ method: 'GET', path: '/d', operation: 'x' });

    // Assess: with room only the refused call waits its Retry-After (plus jitter) and the next
    // goes at once; with the bucket empty its retry and the next call both wait out the hold
    expect(afterRoomy).toEqual([1125]);
    expect(waits).toEqual([1125, 1125, 1125]);
  });

  it('spaces calls by the client-side cap', async () => {
    const clock = manualClock();
    const { http, waits } = client([reply(200, {}), reply(200, {}), reply(200, {})], {
      maxRequestsPerSecond: 4,
      now: clock.now,
    });

    await http.request({ method: 'GET', path: '/a', operation: 'x' });
    await http.request({ method: 'GET', path: '/a', operation: 'x' });
    clock.advance(1000);
    await http.request({ method: 'GET', path: '/a', operation: 'x' });

    expect(waits).toEqual([250]);
  });
});
