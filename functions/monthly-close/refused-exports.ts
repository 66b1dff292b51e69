/**
 * The refused automatic exports e-mailed by the close's report step
 * (packages/app/src/exports/tell-refused-exports.ts), with this deployment's ports. Not an entry
 * point: kept for functions/monthly-close/report.ts until the report's own use case takes it.
 */

import { type RefusalMailTally, tellRefusedExports as tell } from '#app/exports/tell-refused-exports';
import type { CloseOutcome } from '#app/ports/store';
import { log } from '#lambda/observability';
import { mailer } from '#wiring/ses-mailer';
import { closeStore, resellerStore } from '#wiring/store';
import { systemClock } from '#wiring/system';

export type { RefusalMailTally };

export const tellRefusedExports = (outcomes: readonly CloseOutcome[]): Promise<RefusalMailTally> =>
  tell({ resellers: resellerStore, closes: closeStore, mailer, clock: systemClock, log }, outcomes);
