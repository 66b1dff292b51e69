import type { Server } from 'node:http';
import * as sesLocal from 'aws-ses-v2-local';
import { type Email, getStoreReadonly, type Template } from 'aws-ses-v2-local/dist/store.js';
import { JsonFileWriter, readJsonFile } from './json-file.ts';
import { closeServer, endpointFor, type LocalService, once } from './local-service.ts';
import { isPortFree } from './ports.ts';

/**
 * SES, in process: `aws-ses-v2-local` answers the SES v2 API (`@aws-sdk/client-sesv2`, through
 * `AWS_ENDPOINT_URL_SESV2`) and the v1 API (`AWS_ENDPOINT_URL_SES`), keeps what was sent, and
 * shows it: a viewer at `/`, the sent mail as JSON at `GET /store`, `POST /clear-store` empties it.
 *
 * Its store is one per process (module state of the package): a second server in the same process
 * would share it, so starting two is refused. With `file`, the sent mail and the templates are
 * written to that JSON file after every request that may have changed them, and read back at
 * start, so that mail sent before a restart can still be read.
 */
export interface SesOptions {
  /** 0: a free port. */
  readonly port: number;
  readonly host?: string;
  /** The JSON file sent mail persists to; none: in memory only. */
  readonly file?: string;
}

export type SentEmail = Email;

export interface LocalSes extends LocalService {
  /** The mail sent so far, oldest first (the same list `GET /store` answers). */
  readonly sentEmails: () => readonly SentEmail[];
}

interface StoredDocument {
  version: 1;
  emails: Email[];
  templates: Template[];
}

type StartServer = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;

/** The package is CommonJS with an `exports.default`: ESM sees it as `default.default`. */
const startServer: StartServer = (() => {
  const candidate = (sesLocal as unknown as { default: StartServer | { default: StartServer } }).default;
  return typeof candidate === 'function' ? candidate : candidate.default;
})();

let running = false;

export const startSes = async (options: SesOptions): Promise<LocalSes> => {
  if (running)
    throw new Error(
      'An SES server already runs in this process (aws-ses-v2-local has one store per process)',
    );
  const stored = options.file ? readJsonFile<StoredDocument>(options.file) : undefined;
  running = true;
  const host = options.host ?? '127.0.0.1';
  const store = getStoreReadonly() as { emails: Email[]; templates: Map<string, Template> };
  store.emails = [];
  store.templates.clear();
  if (stored) {
    store.emails.push(...stored.emails);
    for (const template of stored.templates) store.templates.set(template.TemplateName, template);
  }
  const writer = options.file ? new JsonFileWriter(options.file) : undefined;
  const save = () =>
    writer?.write({
      version: 1,
      emails: store.emails,
      templates: [...store.templates.values()],
    } satisfies StoredDocument);

  let server: Server;
  try {
    // The package listens without an error handler: a taken port would crash the process.
    if (options.port !== 0 && !(await isPortFree(options.port, host))) {
      throw new Error(`SES: port ${options.port} is already in use`);
    }
    server = await startServer({ host, port: options.port });
  } catch (error) {
    running = false;
    throw error;
  }
  if (writer) {
    server.on('request', (request, response) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      response.once('finish', () => void save());
    });
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: endpointFor(host, port),
    port,
    sentEmails: () => [...store.emails],
    stop: once(async () => {
      await closeServer(server);
      await writer?.flush();
      running = false;
    }),
  };
};

/** The mail an SES server at `endpoint` holds (`GET /store`), e.g. of the stack `npm start` runs. */
export const readSentEmails = async (
  endpoint: string,
  options: { since?: Date } = {},
): Promise<SentEmail[]> => {
  const since = options.since ? `?since=${Math.floor(options.since.getTime() / 1000)}` : '';
  const response = await fetch(`${endpoint}/store${since}`);
  if (!response.ok) throw new Error(`GET ${endpoint}/store answered ${response.status}`);
  return ((await response.json()) as { emails: SentEmail[] }).emails;
};

/** Empties the store of the SES server at `endpoint` (`POST /clear-store`). */
export const clearSentEmails = async (endpoint: string): Promise<void> => {
  const response = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST ${endpoint}/clear-store answered ${response.status}`);
};
