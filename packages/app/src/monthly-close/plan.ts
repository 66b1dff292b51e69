/**
 * Monthly close, first step: which resellers to close. The Map that follows closes each one on its
 * own (a few at a time), so no single invocation has to get through every customer of the platform.
 */
import { parsePeriod } from '#domain/monthly-close/period';
import type { CloseRun } from './close-state.ts';
import type { ResellerStore } from './ports.ts';

export interface PlanClosePorts {
  readonly resellers: ResellerStore;
}

/** Resellers read per store page: the plan is a list of ids, read once per run. */
export const resellersPerPage = 100;

export const planClose = async (
  { resellers }: PlanClosePorts,
  { month }: CloseRun,
): Promise<{ resellers: string[] }> => {
  // A month the state machine should never have been given fails here, before any work.
  parsePeriod(month);
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await resellers.listResellers(resellersPerPage, cursor);
    ids.push(...page.items.map((reseller) => reseller.id));
    cursor = page.cursor;
  } while (cursor);
  return { resellers: ids };
};
