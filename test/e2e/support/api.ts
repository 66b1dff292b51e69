import { join } from 'node:path';
import { inject } from 'vitest';
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

export const call = async <T = any>(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    target?: StackTarget;
  } = {},
): Promise<ApiResponse<T>> => {
  const response = await fetch(`${options.target?.apiUrl ?? apiUrl()}${path}`, {
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
