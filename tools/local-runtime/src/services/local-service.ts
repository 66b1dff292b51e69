import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The account id every local ARN and queue URL carries. */
export const localAccountId = '000000000000';

/** The region the local services answer for when the caller names none (the one `npm start` uses). */
export const defaultRegion = 'eu-west-1';

/** Credentials for SDK clients the local runtime itself creates; the emulators check none. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * What every `start…` function of this folder returns: where the service answers, and how to stop
 * it. `stop` is an arrow property (safe to pass around unbound) and idempotent: the second call
 * returns the first call's promise.
 */
export interface LocalService {
  /** Base URL for an SDK client's `endpoint` or `AWS_ENDPOINT_URL_<SERVICE>`, e.g. `http://127.0.0.1:8000`. */
  readonly endpoint: string;
  /** The port it listens on (the one asked for, or the one picked when 0 was asked for). */
  readonly port: number;
  readonly stop: () => Promise<void>;
}

/** A URL for a host a server listens on: wildcard addresses become the loopback address. */
export const endpointFor = (host: string, port: number): string => {
  const reachable = host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
};

/** Listens on `port` (0: any free port) and resolves with the port actually bound. */
export const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });

/** Closes a server, including idle keep-alive sockets and pending long polls. */
export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** Wraps a stop function so that it runs once; later calls get the first call's promise. */
export const once = (stop: () => Promise<void>): (() => Promise<void>) => {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= stop();
    return stopping;
  };
};
