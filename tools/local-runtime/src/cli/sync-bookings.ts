/**
 * `npm run sync-bookings [-- --reseller <id> | --platform] [--system economic|uniconta] [--months-back N]` runs
 * booking sync on the running local stack (`npm start`): it invokes the very handler EventBridge
 * Scheduler invokes hourly in AWS (functions/bookings/sync.ts) and prints each integration's run:
 * the drafts followed, those found booked, the invoices changed, the drafts deleted by hand, what
 * could not be matched and what went wrong. The local stack never syncs by itself. Exit code 0 when
 * no run recorded an error, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import type { BookingSyncRun } from '#domain/booking-sync';
import { connectToRunningStack } from './running-stack.ts';

const usage =
  'usage: npm run sync-bookings -- [--reseller <id> | --platform] [--system economic|uniconta] [--months-back N] (default: every reseller and the platform’s own books, both systems, 3 months)';

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      reseller: { type: 'string' },
      platform: { type: 'boolean' },
      system: { type: 'string' },
      'months-back': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (values.system !== undefined && !['economic', 'uniconta'].includes(values.system))
    throw new Error(usage);
  if (values.platform && values.reseller !== undefined) throw new Error(usage);
  const monthsBack = values['months-back'] === undefined ? undefined : Number(values['months-back']);
  if (monthsBack !== undefined && !(Number.isInteger(monthsBack) && monthsBack >= 0 && monthsBack <= 24))
    throw new Error(usage);

  const { invoke } = await connectToRunningStack(values['data-dir']);
  const { runs } = (await invoke('bookings-sync', {
    ...(values.reseller ? { reseller: values.reseller } : {}),
    ...(values.platform ? { platform: true } : {}),
    ...(values.system ? { system: values.system } : {}),
    ...(monthsBack === undefined ? {} : { monthsBack }),
  })) as { runs: BookingSyncRun[] };
  process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
  return runs.some((run) => run.errors.length > 0) ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  },
);
