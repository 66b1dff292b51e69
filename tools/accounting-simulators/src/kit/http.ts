import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a simulator's handlers see it: the body already read. */
export interface SimRequest {
  readonly method: string;
  /** The raw (still percent-encoded) path, without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The body as text ('' when there is none). */
  readonly text: string;
}

/** What a handler answers. `json` is sent as application/json, `text` as text/plain. */
export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly text?: string;
  /** Destroy the socket instead of answering (the client sees a reset connection). */
  readonly drop?: boolean;
  /** Answer (or drop) only after this long; the call stays under way in the request log meanwhile. */
  readonly holdMs?: number;
}

/** A header's value, joined when repeated; undefined when absent. */
export const header = (request: SimRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The media type of the request's Content-Type, lower case, without parameters. */
export const mediaType = (request: SimRequest): string | undefined =>
  header(request, 'content-type')?.split(';')[0]?.trim().toLowerCase() || undefined;

export const isJsonMediaType = (type: string | undefined): boolean =>
  type === 'application/json' || (type !== undefined && /^application\/[a-z0-9.+-]*\+json$/.test(type));

export type JsonParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

export const parseJson = (text: string): JsonParse => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
};

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const send = (response: ServerResponse, answer: SimResponse): void => {
  const headers: Record<string, string> = { ...answer.headers };
  let body: string | undefined;
  if (answer.json !== undefined) {
    body = JSON.stringify(answer.json);
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  } else if (answer.text !== undefined) {
    body = answer.text;
    headers['Content-Type'] ??= 'text/plain; charset=utf-8';
  }
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  response.writeHead(answer.status, headers);
  response.end(body);
};

export interface HttpSimulatorServer {
  readonly url: string;
  readonly port: number;
  readonly stop: () => Promise<void>;
}

/**
 * Starts a node:http server that reads each body, hands the request to `handle`, and writes the
 * answer (or destroys the socket when the answer says `drop`). A handler that throws answers 500:
 * a simulator bug must be visible, never a hang.
 */
export const startHttpServer = async (options: {
  readonly port: number;
  readonly host?: string;
  readonly handle: (request: SimRequest) => Promise<SimResponse>;
}): Promise<HttpSimulatorServer> => {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      let answer: SimResponse;
      try {
        const text = await readBody(incoming);
        const url = new URL(incoming.url ?? '/', 'http://simulator');
        answer = await options.handle({
          method: (incoming.method ?? 'GET').toUpperCase(),
          path: url.pathname,
          query: url.searchParams,
          headers: incoming.headers,
          text,
        });
      } catch (error) {
        answer = { status: 500, json: { message: `Simulator error: ${(error as Error).message}` } };
      }
      if (answer.drop) {
        incoming.socket.destroy();
        return;
      }
      send(outgoing, answer);
    })();
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`,
    port,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
};
