/**
 * Monthly close, first step: which resellers to close. The Map that follows closes each one on its
 * own (a few at a time), so no single invocation has to get through every customer of the platform.
 */
import { parsePeriod } from '#domain/monthly-close/period';
import { workerHandler } from '#lambda/worker-handler';
import { resellerStore } from '#wiring/store';
import { readRun } from './state.ts';

export const handler = workerHandler(async (event: unknown): Promise<{ resellers: string[] }> => {
  const { month } = readRun(event);
  parsePeriod(month);
  const resellers: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await resellerStore.listResellers(100, cursor);
    resellers.push(...page.items.map((reseller) => reseller.id));
    cursor = page.cursor;
  } while (cursor);
  return { resellers };
});
