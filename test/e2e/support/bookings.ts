import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import type { BookingSyncRun } from '#domain/booking-sync';
import { type System, simulatorUrl } from './accounting.ts';

/** Booking sync as a person runs it, and a bookkeeper's actions in the simulators (test/e2e/booking-sync.test.ts). */
const run = promisify(execFile);

/** Whose books: a reseller's (its id) or the platform's own (adminMode exports). */
export type BooksOwner = { readonly reseller: string } | { readonly platform: true };

/**
 * `npm run sync-bookings -- --reseller …|--platform --system …` against the test stack (its ports
 * and data folder). `simulator`: a simulator of the test's own that the integration points at; the
 * CLI, like `npm start`, must be told it is an allowed host (…_API_EXTRA_URLS).
 */
export const syncBookings = async (
  owner: BooksOwner,
  system: System,
  simulator?: string,
): Promise<BookingSyncRun[]> => {
  const ports = Object.fromEntries(
    Object.entries(inject('ports')).map(([name, port]) => [name, String(port)]),
  );
  const whose = 'reseller' in owner ? ['--reseller', owner.reseller] : ['--platform'];
  // Exit code 1 says a run recorded an error: its runs are printed all the same, for the test to show.
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/local-runtime/src/cli/sync-bookings.ts',
      ...whose,
      '--system',
      system,
      '--data-dir',
      inject('dataDir'),
    ],
    {
      env: {
        ...process.env,
        ...ports,
        ...(simulator
          ? { [system === 'economic' ? 'ECONOMIC_API_EXTRA_URLS' : 'UNICONTA_API_EXTRA_URLS']: simulator }
          : {}),
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      },
      timeout: 60_000,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    if (!error.stdout) throw new Error(`sync-bookings failed: ${error.stderr}`);
    return { stdout: error.stdout };
  });
  return JSON.parse(stdout) as BookingSyncRun[];
};

/**
 * A bookkeeper's action in the simulator (tools/accounting-simulators/README.md, "Actions");
 * `at`: another simulator than the local stack's (its service root).
 */
export const bookkeeperAction = async (system: System, action: string, body: unknown, at?: string) => {
  const response = await fetch(`${at ?? simulatorUrl(system)}/__sim/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { bookedInvoiceNumber?: number; InvoiceNumber?: number };
};
