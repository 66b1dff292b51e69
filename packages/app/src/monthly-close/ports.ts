/**
 * The store as the monthly close's use cases see it: each port names the functions of one
 * repository (#wiring/store), with the store's own names and signatures.
 */

import type {
  CloseOutcome,
  Page,
  PeriodInvoiceOutcome,
  PeriodInvoiceWrite,
  UnfinishedClaim,
} from '#app/ports/store';
import type { CurrentItem } from '#domain/current-item';
import type { Customer } from '#domain/customer';
import type { Product } from '#domain/product';
import type { Reseller } from '#domain/reseller';

export interface ResellerStore {
  listResellers(limit: number, cursor?: string): Promise<Page<Reseller>>;
}

export interface ResellerLookup {
  getReseller(id: string): Promise<Reseller | undefined>;
}

export interface CustomerStore {
  listCustomers(reseller: string, limit: number, cursor?: string): Promise<Page<Customer>>;
}

export interface ProductStore {
  getProducts(ids: readonly string[]): Promise<Map<string, Product>>;
}

export interface CurrentItemStore {
  listCurrentItems(reseller: string, customer: string): Promise<CurrentItem[]>;
}

export interface PeriodInvoiceStore {
  putPeriodInvoice(write: PeriodInvoiceWrite): Promise<PeriodInvoiceOutcome>;
  settleEarlierClaims(
    invoiceId: string,
    items: readonly CurrentItem[],
  ): Promise<{ readonly free: CurrentItem[]; readonly unfinished: UnfinishedClaim[] }>;
}

export interface CloseStore {
  listCloseOutcomes(month: string, run: string): Promise<CloseOutcome[]>;
  markRefusalsNotified(
    outcome: Pick<CloseOutcome, 'month' | 'run' | 'reseller'>,
    at: string,
  ): Promise<boolean>;
}
