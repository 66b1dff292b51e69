/**
 * Monthly close, per reseller: one page of its customers per invocation. The state machine calls
 * it again with the cursor until the last page, so a reseller with thousands of customers is
 * spread over many short invocations, each far from Lambda's timeout, each safe to retry (a
 * customer closed by an earlier attempt is found closed and counted as `existed`).
 */
import type { CloseTally } from '#app/ports/store';
import { parsePeriod } from '#domain/monthly-close/period';
import type { Product } from '#domain/product';
import {
  type CloseCustomerPorts,
  type CustomerCloseOutcome,
  closeCustomer,
  type ProductLoader,
} from './close-customer.ts';
import { emptyTally, namedFailures, type ResellerCloseState } from './close-state.ts';
import type { CustomerStore, ProductStore } from './ports.ts';

/** Customers per invocation: a few seconds of work, a few hundred history events per 10,000 customers. */
export const customersPerPage = 50;

export interface CloseCustomersPorts extends CloseCustomerPorts {
  readonly customers: CustomerStore;
  readonly products: ProductStore;
}

export interface ClosedPage {
  /** The state for the next step: the same reseller with the next cursor, or `done`. */
  readonly state: ResellerCloseState;
  /** Period invoices this page wrote (the tally counts the whole reseller). */
  readonly created: number;
}

export const closeCustomersPage = async (
  ports: CloseCustomersPorts,
  state: ResellerCloseState,
): Promise<ClosedPage> => {
  const period = parsePeriod(state.month);
  const page = await ports.customers.listCustomers(state.reseller, customersPerPage, state.cursor);
  const productsFor = cachedProducts(ports.products);
  const before = state.tally ?? emptyTally;
  let tally = before;
  for (const customer of page.items) {
    const outcome = await closeCustomer(ports, customer, period, productsFor);
    tally = tallied(tally, customer.id, outcome);
  }
  const { cursor: _previous, ...rest } = state;
  return {
    state: page.cursor
      ? { ...rest, tally, cursor: page.cursor, done: false }
      : { ...rest, tally, done: true },
    created: tally.created - before.created,
  };
};

/** A reseller's customers mostly subscribe to the same products: each is read once per page. */
const cachedProducts = (products: ProductStore): ProductLoader => {
  const known = new Map<string, Product>();
  return async (ids) => {
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0)
      for (const [id, product] of await products.getProducts(missing)) known.set(id, product);
    return known;
  };
};

/** The tally with one more customer's outcome; only the first `namedFailures` failures are named. */
export const tallied = (tally: CloseTally, customer: string, outcome: CustomerCloseOutcome): CloseTally => {
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
