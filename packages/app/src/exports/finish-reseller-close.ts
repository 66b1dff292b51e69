/**
 * Monthly close, the end of one reseller's iteration: its automatic exports are started (unless its
 * close failed), then its outcome is recorded for the run's report, which e-mails the refused ones.
 */

import type { CloseOutcomeStore } from '#app/ports/export-store';
import type { CloseTally } from '#app/ports/store';
import { autoExports } from './auto-export.ts';
import type { AcceptExportPorts } from './request-export.ts';

export interface FinishResellerCloseInput {
  readonly month: string;
  readonly run: string;
  readonly reseller: string;
  readonly tally?: CloseTally | undefined;
  /** The Catch's error when the reseller's close failed after its retries. */
  readonly error?: { readonly Error?: string; readonly Cause?: string } | undefined;
}

export const finishResellerClose = async (
  ports: AcceptExportPorts & { readonly closes: Pick<CloseOutcomeStore, 'putCloseOutcome'> },
  { month, run, reseller, tally, error }: FinishResellerCloseInput,
): Promise<{ recorded: true }> => {
  const exports = error ? [] : await autoExports(ports, { reseller, month });
  await ports.closes.putCloseOutcome({
    month,
    run,
    reseller,
    ...(tally ? { tally } : {}),
    exports,
    ...(error ? { error: [error.Error, error.Cause].filter(Boolean).join(': ') || 'failed' } : {}),
    recordedAt: ports.clock.now().toISOString(),
  });
  return { recorded: true };
};
