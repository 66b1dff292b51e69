/**
 * Monthly close, the step the run loops on: the next page of resellers to close, split into the
 * groups that each run as one child execution (infra/constructs/monthly-close-machine.ts), and the
 * cursor of the page after it. Why a page and not the whole list: the list of every reseller would
 * grow the state with the platform (10,000 ids are ~300 KB, over Step Functions' 256 KB), and a Map
 * over all of them would grow one execution's history past its 25,000 events. A page is at most
 * `groupsPerPage × resellersPerGroup` ids, whatever the number of resellers.
 */
import { parsePeriod } from '#domain/monthly-close/period';
import { type CloseRun, MalformedCloseState } from './close-state.ts';
import type { ResellerStore } from './ports.ts';

/** The shape of a page, as the state machine's definition gives it (so the machine and the plan agree). */
export interface ClosePageShape {
  /** Child executions per page, run at once. */
  readonly groupsPerPage: number;
  /** Resellers per child execution, closed at once. */
  readonly resellersPerGroup: number;
}

/** What PlanClose is handed: the run, the page's shape and, after the first page, where to go on. */
export interface PlanCloseState extends CloseRun {
  readonly page: ClosePageShape;
  readonly cursor?: string;
}

export interface ClosePlan {
  /** The page's resellers, `resellersPerGroup` (or fewer, in the last group) per group. */
  readonly groups: string[][];
  /** The next page; absent after the last one. */
  readonly cursor?: string;
}

export interface PlanClosePorts {
  readonly resellers: ResellerStore;
}

/** A page this big keeps its state (ids of ~30 bytes) far below 256 KB: ~30 KB at most. */
export const maxResellersPerPage = 1000;

export const planClose = async (
  { resellers }: PlanClosePorts,
  { month, page, cursor }: PlanCloseState,
): Promise<ClosePlan> => {
  // A month the state machine should never have been given fails here, before any work.
  parsePeriod(month);
  const { groupsPerPage, resellersPerGroup } = checkedShape(page);
  const listed = await resellers.listResellers(groupsPerPage * resellersPerGroup, cursor || undefined);
  const ids = listed.items.map((reseller) => reseller.id);
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += resellersPerGroup)
    chunks.push(ids.slice(start, start + resellersPerGroup));
  return listed.cursor ? { groups: chunks, cursor: listed.cursor } : { groups: chunks };
};

/** The page's shape comes from our own definition: anything but small positive integers is a wiring bug. */
const checkedShape = (page: ClosePageShape | undefined): ClosePageShape => {
  const count = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 1;
  if (
    !page ||
    !count(page.groupsPerPage) ||
    !count(page.resellersPerGroup) ||
    page.groupsPerPage * page.resellersPerGroup > maxResellersPerPage
  )
    throw new MalformedCloseState(
      `The close's page must be { groupsPerPage, resellersPerGroup } of at most ${maxResellersPerPage} resellers, got ${JSON.stringify(page)}`,
    );
  return page;
};
