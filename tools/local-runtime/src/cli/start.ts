/**
 * `npm start`: the whole of Faktura on this machine, with no AWS account and no Docker.
 *
 *   npm start                  keeps the data of the last run (under .local/)
 *   npm start -- --fresh       starts empty (then seeds the demo data again)
 *   npm start -- --data-dir D  keeps its data somewhere else
 *
 * Ctrl-C stops every component. See the README for the ports and what runs where.
 */
import { parseArgs } from 'node:util';
import { startLocalStack } from '../stack.ts';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const stack = await startLocalStack({ fresh: values.fresh, dataDir: values['data-dir'] }).catch(
  (error: Error) => {
    process.stderr.write(`\nFaktura could not start: ${error.message}\n`);
    process.exit(1);
  },
);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping Faktura…\n`);
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
