import { join } from 'node:path';
import { inject } from 'vitest';
import { documentedAnswers } from '#client/documented-answers';
import referenceDocument from '#docs/openapi.json' with { type: 'json' };
import { openLocalIdentity, type TokenRequest } from '#local/gateway/local-identity';

/**
 * A small client for the local HTTP API, as a reseller's integration would call it: real HTTP,
 * real tokens signed by the local stack's key.
 */
export interface ApiResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

/**
 * Which local stack to call: the one the global setup started (the default), or another one a
 * test started itself (its API, and its data folder for the key that signs its tokens).
 */
export interface StackTarget {
  readonly apiUrl: string;
  readonly dataDir: string;
}

export const defaultTarget = (): StackTarget => ({ apiUrl: inject('apiUrl'), dataDir: inject('dataDir') });

export const apiUrl = (): string => inject('apiUrl');

const identity = (target: StackTarget) => openLocalIdentity(join(target.dataDir, 'identity-key.json'));

export const tokenFor = async (
  request: TokenRequest,
  target: StackTarget = defaultTarget(),
): Promise<string> => (await identity(target)).sign(request);

/**
 * Every answer to a route of the reference is held to it, also when sent untyped: a test sends a
 * request untyped because the reference forbids the request (malformed JSON, a wrong type, no
 * token), but the answer (a 400 with its key, say) is still the reference's promise. The typed
 * client (./typed-api.ts) shares this check.
 */
export const reference = documentedAnswers(referenceDocument as never);

export const call = async <T = any>(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    target?: StackTarget;
    /** Why this answer is not held to the reference (a route it does not have, on purpose). */
    offReference?: string;
  } = {},
): Promise<ApiResponse<T>> => {
  const url = new URL(`${options.target?.apiUrl ?? apiUrl()}${path}`);
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined || options.rawBody !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (CSV, empty)
  }
  // The route is told from the path as sent: a URL resolves "." and ".." segments (even as %2E),
  // so `/integration/./settings` reaches `/integration/settings`, not the route it was made from.
  const template = options.offReference ? undefined : reference.templateOf(url.pathname);
  if (template)
    await reference.check(method, template, {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: async () => body,
    });
  return { status: response.status, headers: response.headers, body: body as T, text };
};

/** A client bound to one caller (of the global setup's stack, unless another target is given). */
export const as = (token: string, target?: StackTarget) => ({
  get: <T = any>(path: string) => call<T>('GET', path, { token, target }),
  post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, { token, body, target }),
  put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, { token, body, target }),
  patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, { token, body, target }),
  delete: <T = any>(path: string) => call<T>('DELETE', path, { token, target }),
});
