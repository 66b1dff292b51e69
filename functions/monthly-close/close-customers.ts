/**
 * Monthly close, per reseller: one page of its customers per invocation. The state machine calls
 * it again with the cursor until the last page, so a reseller with thousands of customers is
 * spread over many short invocations, each far from Lambda's timeout, each safe to retry (a
 * customer closed by an earlier attempt is found closed and counted as `existed`).
 */

import type { CloseTally } from '#app/ports/store';
import { parsePeriod } from '#domain/monthly-close/period';
import type { Product } from '#domain/product';
import { metrics } from '#lambda/observability';
import { workerHandler } from '#lambda/worker-handler';
import { customerStore, productStore } from '#wiring/store';
import { type CustomerCloseOutcome, closeCustomer, type ProductLoader } from './close-customer.ts';
import { emptyTally, namedFailures, type ResellerCloseState, readRun } from './state.ts';

/** Customers per invocation: a few seconds of work, a few hundred history events per 10,000 customers. */
export const customersPerPage = 50;

export const handler = workerHandler(async (event: unknown): Promise<ResellerCloseState> => {
  const state = readRun<ResellerCloseState>(event, ['reseller']);
  const period = parsePeriod(state.month);
  const page = await customerStore.listCustomers(state.reseller, customersPerPage, state.cursor);
  const productsFor = cachedProducts();
  let tally = state.tally ?? emptyTally;
  for (const customer of page.items) {
    const outcome = await closeCustomer(customer, period, productsFor);
    tally = counted(tally, customer.id, outcome);
  }
  metrics.addMetric('PeriodInvoicesCreated', 'Count', tally.created - (state.tally?.created ?? 0));
  const { cursor: _previous, ...rest } = state;
  return page.cursor ? { ...rest, tally, cursor: page.cursor, done: false } : { ...rest, tally, done: true };
});

/** A reseller's customers mostly subscribe to the same products: each is read once per page. */
const cachedProducts = (): ProductLoader => {
  const known = new Map<string, Product>();
  return async (ids) => {
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0)
      for (const [id, product] of await productStore.getProducts(missing)) known.set(id, product);
    return known;
  };
};

const counted = (tally: CloseTally, customer: string, outcome: CustomerCloseOutcome): CloseTally => {
  switch (outcome.kind) {
    case 'created':
      return { ...tally, created: tally.created + 1 };
    case 'existed':
      return { ...tally, existed: tally.existed + 1 };
    case 'nothing-billed':
      return { ...tally, nothingBilled: tally.nothingBilled + 1 };
    case 'failed':
      return {
        ...tally,
        failed: tally.failed + 1,
        failures:
          tally.failures.length < namedFailures
            ? [...tally.failures, { customer, reason: outcome.reason }]
            : tally.failures,
      };
    default:
      return tally;
  }
};
