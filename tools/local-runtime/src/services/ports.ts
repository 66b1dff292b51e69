import { createServer } from 'node:net';

/**
 * A port nothing listens on right now, for emulators that need a number before they start
 * (DynamoDB Local's JVM, and local-aws-sqs, whose queue URLs carry the port). Another process may
 * take it between this call and the bind; tests and `npm start` accept that small race.
 */
export const getFreePort = (host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

/** True when a server could bind `port` on `host` now. */
export const isPortFree = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });

/** `port` itself when given, else (0 or undefined) a free one. */
export const resolvePort = async (port: number | undefined, host = '127.0.0.1'): Promise<number> =>
  port === undefined || port === 0 ? getFreePort(host) : port;
