/**
 * Export saga step "prepare". The export itself (connectors, ledger, compensation, e-mail) arrives with
 * the accounting-export capability (issue #4); until then no route can start an export, and this
 * step refuses loudly rather than pretend to have exported anything.
 */
import { workerHandler } from '#lambda/worker-handler';

export const handler = workerHandler(async (): Promise<never> => {
  throw new Error(
    'The export saga step "prepare" is not available before the accounting export is built (issue #4)',
  );
});
