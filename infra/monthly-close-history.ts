/**
 * How many history events one execution of the monthly close writes, computed from the machines'
 * shape (infra/constructs/monthly-close-machine.ts) and the number of history events Step Functions
 * writes per state (the AWS documentation's event types; the local runtime's recorder writes the
 * same, tools/local-runtime/src/services/step-functions-definition.ts). An upper bound for a run in
 * which no Task is retried; each retried attempt of a Task adds 3 events (scheduled, started,
 * failed), which `retries` counts.
 *
 * The tests hold the local runs to these bounds, and the bench projects 10,000 resellers of 1,000
 * customers with them: AWS fails an execution at 25,000 events.
 */

import type { ClosePageShape } from '#app/monthly-close/plan';
import { accountingSystems } from '#domain/integration';

export const historyEventLimit = 25_000;

/** Task (Lambda): entered, scheduled, started, succeeded, exited. */
const lambdaTask = 5;
/** Task (sqs:sendMessage, a request): entered, scheduled, started, succeeded, exited. */
const requestTask = 5;
/** The automatic exports one reseller queues at most: one per accounting system. */
const autoExportsPerReseller = accountingSystems.length;
/** Task (startExecution.sync:2): entered, scheduled, started, submitted, succeeded, exited. */
const childExecutionTask = 6;
/** Pass, Choice, Succeed: entered, exited. */
const flowState = 2;
/** Map: entered, started, succeeded, exited; per iteration: started, succeeded. */
const mapState = 4;
const mapIteration = 2;
/** Execution started, and succeeded or failed. */
const execution = 2;
/** Each retried attempt: scheduled, started, failed. */
export const eventsPerRetry = 3;

/** The page's shape the definition hands PlanClose (one type, so the machine and the plan agree). */
export type ClosePaging = ClosePageShape;

/**
 * One reseller's iteration: CloseCustomers and MoreCustomers per page of customers, then
 * FinishReseller, then the Map that queues its automatic exports (QueueAutoExport each).
 */
export const resellerIterationEvents = (customerPages: number): number =>
  mapIteration +
  Math.max(1, customerPages) * (lambdaTask + flowState) +
  lambdaTask +
  mapState +
  autoExportsPerReseller * (mapIteration + requestTask);

/** A group (child) execution: its Map over up to `resellersPerGroup` resellers, then GroupClosed. */
export const groupExecutionEvents = (
  paging: ClosePaging,
  customerPagesPerReseller: number,
  retries = 0,
): number =>
  execution +
  mapState +
  paging.resellersPerGroup * resellerIterationEvents(customerPagesPerReseller) +
  flowState +
  retries * eventsPerRetry;

/**
 * The run's own execution: Begin, then per page PlanClose, the Map of its groups (one child task
 * each), MoreResellers and NextPage, then ReportClose, Outcome and the end. `resellers` counts every
 * reseller; one more page than they fill is allowed for (a store page can end exactly at the last
 * reseller and still hand a cursor, whose page is empty).
 */
export const closeExecutionEvents = (paging: ClosePaging, resellers: number, retries = 0): number => {
  const pages = Math.ceil(resellers / (paging.resellersPerGroup * paging.groupsPerPage)) + 1;
  const perPage =
    lambdaTask +
    mapState +
    paging.groupsPerPage * (mapIteration + childExecutionTask) +
    flowState +
    flowState;
  return (
    execution + flowState + pages * perPage + lambdaTask + flowState + flowState + retries * eventsPerRetry
  );
};
