/**
 * A small typed client of Faktura's HTTP API, for integrators (the systems that pull exports) and
 * for Faktura's own end-to-end tests: openapi-fetch over the types generated from the API
 * reference (schema.ts, `npm run openapi`). Paths, parameters, bodies and answers are checked
 * by TypeScript against the reference; each call answers `{ data, error, response }`.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.ts';

export type { paths } from './schema.ts';

/**
 * Answers typed as JSON: a route that can also answer text (GET /invoice/{id}?format=csv answers
 * `text/csv`) is read as text with `parseAs: 'text'`.
 */
export type FakturaClient = Client<paths, 'application/json'>;

export interface FakturaClientOptions {
  /** The API's root: `https://…execute-api…amazonaws.com`, or `http://127.0.0.1:3000` locally. */
  readonly baseUrl: string;
  /** A Cognito ID token (locally `npm run --silent token -- --role …`), sent as a bearer token. */
  readonly token: string;
  /** Another fetch (tests, proxies); the global one by default. */
  readonly fetch?: typeof globalThis.fetch;
  /** More middleware, after the one that adds the token (a check of each answer, say). */
  readonly middleware?: readonly Middleware[];
}

export const createFakturaClient = ({
  baseUrl,
  token,
  fetch,
  middleware = [],
}: FakturaClientOptions): FakturaClient => {
  const client = createClient<paths, 'application/json'>({ baseUrl, ...(fetch ? { fetch } : {}) });
  client.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  for (const extra of middleware) client.use(extra);
  return client;
};
