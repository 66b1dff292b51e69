import { createServer } from 'node:net';

/** True when nothing listens on the port yet, so a second `npm start` can say so plainly. */
export const isPortFree = (port: number, host: string): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
