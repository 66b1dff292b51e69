import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of an AWS JSON-protocol emulator (DynamoDB Local, the SQS server) that
 * records every request the handlers send: its operation (`X-Amz-Target`), its size, and its status.
 * The local stack hands it to the handlers as their endpoint (FAKTURA_LOCAL_HANDLER_ENDPOINTS), so
 * it sees every real round trip, SDK retries included, and nothing in `functions/` knows.
 *
 * Why a proxy and not a middleware on the handlers' client: the handlers run in the stack's own
 * process, and a middleware would count what the SDK means to send, not what crosses the wire; the
 * proxy also lets the benchmark read the items written (their size) and the messages sent.
 */
export interface RecordedCall {
  /** `GetItem`, `Query`, `TransactWriteItems`, `SendMessage`, … */
  readonly operation: string;
  readonly requestBytes: number;
  readonly status: number;
  readonly at: number;
}

export interface RecordingProxy {
  readonly url: string;
  /** Every call since the last reset, oldest first. */
  calls(): readonly RecordedCall[];
  reset(): void;
  stop(): Promise<void>;
}

export interface RecordingProxyOptions {
  /** Where requests go, e.g. `http://127.0.0.1:8000`. */
  readonly upstream: string;
  /** Called with each request's operation and parsed JSON body (bodies are not kept). */
  readonly inspect?: (operation: string, body: unknown) => void;
}

const operationOf = (headers: IncomingHttpHeaders): string => {
  const target = headers['x-amz-target'];
  const value = Array.isArray(target) ? target[0] : target;
  return value ? value.slice(value.lastIndexOf('.') + 1) : 'unknown';
};

export const startRecordingProxy = async (options: RecordingProxyOptions): Promise<RecordingProxy> => {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let recorded: RecordedCall[] = [];

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = operationOf(incoming.headers);
      const at = Date.now();
      if (options.inspect) {
        try {
          options.inspect(operation, JSON.parse(body.toString('utf8')));
        } catch {
          options.inspect(operation, undefined);
        }
      }
      const forwarded = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
          agent,
        },
        (answer) => {
          recorded.push({ operation, requestBytes: body.byteLength, status: answer.statusCode ?? 0, at });
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', (error) => {
        recorded.push({ operation, requestBytes: body.byteLength, status: 0, at });
        outgoing.destroy(error);
      });
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => recorded,
    reset: () => {
      recorded = [];
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
};

/** Calls per operation, e.g. `{ BatchGetItem: 1, TransactWriteItems: 1 }`. */
export const countByOperation = (calls: readonly RecordedCall[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  return counts;
};
