/**
 * The monthly close of one customer: its current-invoice items become its period invoice (the
 * billing rules are the domain's, packages/domain/src/monthly-close), written with the consumption
 * of the items it bills. The invoice's id is derived from customer and month, so a second run, or
 * one that follows a run that died halfway, finds the invoice written and writes nothing again.
 */

import type { Clock } from '#app/ports/clock';
import type { Log } from '#app/ports/observability';
import { InvoiceTooLarge, InvoiceWriteConflict, type UnfinishedClaim } from '#app/ports/store';
import type { Customer } from '#domain/customer';
import type { BillingPeriod } from '#domain/monthly-close/period';
import { periodInvoiceFor, periodLines, type SkipReason } from '#domain/monthly-close/period-invoice';
import { periodInvoiceId, periodInvoiceMonth } from '#domain/monthly-close/period-invoice-id';
import type { Product } from '#domain/product';
import type { Reseller } from '#domain/reseller';
import { withSeriesNumber } from '../invoices/series.ts';
import type { CurrentItemStore, PeriodInvoiceStore } from './ports.ts';

/** Items the close leaves on the current invoice until someone corrects them: logged as a warning. */
const needsStaff = new Set<SkipReason>([
  'INVALID_ITEM',
  'PRODUCT_MISSING',
  'AMOUNT_BEYOND_LIMIT',
  'INVOICE_LIMIT',
]);

export type CustomerCloseOutcome =
  | { readonly kind: 'no-items' }
  | { readonly kind: 'nothing-billed' }
  | { readonly kind: 'created' | 'existed'; readonly invoice: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Someone took an item off the current invoice (by hand, or into a manual invoice) between our read
 * and our write: read again and redo. More than a few such races for one customer in one run is
 * no race; it is reported as a failure.
 */
export const closeAttempts = 3;

/** The catalogue's products by id; the caller may answer from what it read for earlier customers. */
export type ProductLoader = (ids: readonly string[]) => Promise<ReadonlyMap<string, Product>>;

export interface CloseCustomerPorts {
  readonly currentItems: CurrentItemStore;
  readonly periodInvoices: PeriodInvoiceStore;
  readonly clock: Clock;
  /** Told of items the close cannot bill; none given, nobody is told. */
  readonly log?: Pick<Log, 'warn'>;
  /** The reseller's numbering (docs/invoice-numbering.md); none given, period invoices wait for the accounting system's number. */
  readonly resellers?: { getReseller(id: string): Promise<Reseller | undefined> };
}

export const closeCustomer = async (
  { currentItems, periodInvoices, clock, log, resellers }: CloseCustomerPorts,
  customer: Customer,
  period: BillingPeriod,
  productsFor: ProductLoader,
): Promise<CustomerCloseOutcome> => {
  let conflict = '';
  for (let attempt = 1; attempt <= closeAttempts; attempt += 1) {
    const listed = await currentItems.listCurrentItems(customer.reseller, customer.id);
    if (listed.length === 0) return { kind: 'no-items' };
    const id = periodInvoiceId(customer.reseller, customer.id, period.month);
    const { free: items, unfinished } = await periodInvoices.settleEarlierClaims(id, listed);
    if (unfinished.length > 0) return { kind: 'failed', reason: unfinishedCloses(customer, unfinished) };
    if (items.length === 0) return { kind: 'no-items' };
    const products = await productsFor([...new Set(items.map((item) => item.product))]);
    const result = periodInvoiceFor(customer, items, products, period, { id, now: clock.now() });
    // A customer who gets no invoice may still have items the close cannot bill.
    const skipped = result?.skipped ?? periodLines(customer, items, products, period).skipped;
    const broken = skipped.filter((skip) => needsStaff.has(skip.reason));
    if (broken.length > 0) {
      // Left on the current invoice, never dropped: someone has to look at them.
      log?.warn('Current-invoice items the close cannot bill', {
        reseller: customer.reseller,
        customer: customer.id,
        month: period.month,
        items: broken,
      });
    }
    if (!result) return { kind: 'nothing-billed' };
    try {
      const consumedItems = result.consumedItemIds.map((item) => ({
        id: item,
        reseller: customer.reseller,
        customer: customer.id,
      }));
      // With the reseller's own series, the invoice takes its next number as it is written (an
      // invoice an earlier run wrote is found as it is, and takes none).
      const outcome = await withSeriesNumber(
        async () => (resellers ? resellers.getReseller(customer.reseller) : undefined),
        (number) =>
          periodInvoices.putPeriodInvoice({
            invoice:
              number === undefined ? result.invoice : { ...result.invoice, invoiceNumber: String(number) },
            consumedItems,
            ...(number === undefined ? {} : { seriesNumber: number }),
          }),
      );
      return { kind: outcome, invoice: id };
    } catch (error) {
      // Refused before anything was written: no retry makes it fit; the report names the limit.
      if (error instanceof InvoiceTooLarge) return { kind: 'failed', reason: error.message };
      if (!(error instanceof InvoiceWriteConflict)) throw error;
      conflict = error.reason;
    }
  }
  return {
    kind: 'failed',
    reason: `the period invoice could not be written (${conflict}, ${closeAttempts} times)`,
  };
};

/** Says which earlier close to run again: the one whose invoice claimed items and was never written. */
const unfinishedCloses = (customer: Customer, claims: readonly UnfinishedClaim[]): string =>
  claims
    .map(({ invoiceId, items }) => {
      const month = periodInvoiceMonth(customer.reseller, customer.id, invoiceId);
      return month
        ? `${items} item(s) are claimed by the unfinished close of ${month} (invoice ${invoiceId}): close ${month} again first`
        : `${items} item(s) are claimed by invoice ${invoiceId}, which was never written`;
    })
    .join('; ');
