/**
 * Whether an export to Uniconta fits in what is left of today's call allowance
 * (#domain/uniconta-allowance), checked with the export's other problems so that it is refused up
 * front (`uniconta.allowance` in the request's `422 multiple`) rather than running into the limit
 * halfway. The request's own calls (credentials, master data) are added to today's count first, in
 * the one write that also answers the count, so the comparison sees them.
 */
import type { AccountingReader } from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type { AccountingCallCounter } from '#app/ports/export-store';
import type { ExportProblem } from '#domain/export-checks';
import {
  allowanceFigures,
  allowanceProblem,
  unicontaCallDay,
  unicontaCallsNeeded,
  unicontaDailyCallAllowance,
} from '#domain/uniconta-allowance';
import type { OpenedIntegration } from '../integrations/open-integration.ts';

export const unicontaAllowanceProblem = async (
  { accountingCalls, clock }: { readonly accountingCalls: AccountingCallCounter; readonly clock: Clock },
  { settings, accounting }: OpenedIntegration<AccountingReader>,
  invoices: number,
): Promise<ExportProblem | undefined> => {
  const day = unicontaCallDay(clock.now());
  const usedToday = await accountingCalls.addAccountingCalls(
    settings.owner,
    'uniconta',
    day,
    accounting.callsNotYetCounted?.() ?? 0,
  );
  return allowanceProblem(
    allowanceFigures(
      unicontaCallsNeeded(invoices),
      usedToday,
      settings.dailyCallAllowance ?? unicontaDailyCallAllowance,
    ),
    day,
  );
};
