import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routes } from '#infra/catalog';
import { type FunctionHost, RequestTooLargeError } from '../function-host.ts';
import { toApiEvent } from './api-event.ts';
import type { LocalIdentity } from './local-identity.ts';
import { compileRoutes, MalformedPathError } from './route-table.ts';

/**
 * The local HTTP API: what API Gateway does in front of the handlers, and nothing more. It matches
 * the catalog's routes, lets the JWT authorizer's checks run first (401 before any handler), hands
 * the handler the payload-2.0 event and maps its result back. Its own answers (400, 401, 404, 413,
 * 500, 503) have API Gateway's bodies, so clients meet the same responses locally and in AWS:
 * - a path whose percent-encoding is not UTF-8: 400 `Bad Request`, before any check or handler;
 * - a body over API Gateway's 10 MB, or an event over Lambda's 6 MB (the function host refuses it
 *   before the handler runs): 413;
 * - a function that fails instead of answering (it threw, ran past its timeout, or returned more
 *   than 6 MB): 500 `Internal Server Error`;
 * - no answer within the integration's 30 s: 503 `Service Unavailable`.
 */
export interface GatewayOptions {
  readonly host: string;
  readonly port: number;
  readonly functions: FunctionHost;
  readonly identity: LocalIdentity;
  /** Answers GET /health; extra pages (docs) may be added by the caller. */
  readonly health: () => Promise<{ ready: boolean; components: Record<string, boolean> }>;
  readonly log?: (line: Record<string, unknown>) => void;
}

const maxRequestBytes = 10 * 1024 * 1024;
const integrationTimeoutMs = 30_000;

const send = (
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body);
};

const gatewayError = (response: ServerResponse, status: number, message: string): number => {
  send(response, status, JSON.stringify({ message }));
  return status;
};

const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxRequestBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxRequestBytes ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });

const bearerToken = (header: string | undefined): string | undefined => {
  if (!header) return undefined;
  const token = header.replace(/^Bearer\s+/i, '').trim();
  return token === '' ? undefined : token;
};

/** Lambda results in payload format 2.0: a structured result, or any JSON value meaning 200. */
const toResponse = (result: unknown): APIGatewayProxyStructuredResultV2 => {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    return result as APIGatewayProxyStructuredResultV2;
  }
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
};

const withTimeout = <T>(promise: Promise<T>): Promise<T | 'timeout'> =>
  Promise.race([
    promise,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), integrationTimeoutMs).unref()),
  ]);

export const startGateway = async (
  options: GatewayOptions,
): Promise<{ server: Server; url: string; stop(): Promise<void> }> => {
  const match = compileRoutes(routes);
  const log = options.log ?? (() => undefined);

  /** Answers one request and returns the status it sent, for the access log. */
  const serve = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<number> => {
    const method = request.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/health') {
      const health = await options.health();
      const status = health.ready ? 200 : 503;
      send(response, status, JSON.stringify({ status: health.ready ? 'ok' : 'starting', ...health }));
      return status;
    }
    let route: ReturnType<typeof match>;
    try {
      route = match(method, url.pathname);
    } catch (error) {
      if (error instanceof MalformedPathError) return gatewayError(response, 400, 'Bad Request');
      throw error;
    }
    if (!route) return gatewayError(response, 404, 'Not Found');
    const claims = route.public ? {} : await verify(options.identity, request.headers.authorization);
    if (!claims) return gatewayError(response, 401, 'Unauthorized');
    const body = await readBody(request);
    if (body === undefined) return gatewayError(response, 413, 'Request Entity Too Large');
    const event = toApiEvent(request, url, body, route, claims);
    let outcome: unknown;
    try {
      outcome = await withTimeout(options.functions.invoke(route.function, event));
    } catch (error) {
      // What API Gateway answers when Lambda's Invoke refuses the payload (a 413 from Lambda).
      if (error instanceof RequestTooLargeError) return gatewayError(response, 413, 'Request Too Long');
      throw error;
    }
    if (outcome === 'timeout') return gatewayError(response, 503, 'Service Unavailable');
    const result = toResponse(outcome);
    const status = result.statusCode ?? 200;
    const payload =
      result.body === undefined
        ? ''
        : result.isBase64Encoded
          ? Buffer.from(result.body, 'base64')
          : result.body;
    response.writeHead(status, { ...(result.headers as Record<string, string>) });
    response.end(payload);
    return status;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    let status: number;
    try {
      status = await serve(request, response, url);
    } catch (error) {
      log({ level: 'ERROR', message: 'Integration failed', error: String((error as Error).stack ?? error) });
      status = gatewayError(response, 500, 'Internal Server Error');
    }
    log({ method: request.method, path: url.pathname, status, latencyMs: Date.now() - started });
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

const verify = async (identity: LocalIdentity, header: string | undefined) => {
  const token = bearerToken(header);
  return token ? identity.verify(token) : undefined;
};
