import type { CurrentItem } from '../current-item.ts';
import type { Customer } from '../customer.ts';
import { type CreationContext, createInvoice } from '../invoice/create-invoice.ts';
import { invoiceLine } from '../invoice/invoice-line.ts';
import { DEFAULT_LANGUAGE } from '../invoice/language.ts';
import {
  columnBeyondLineLimit,
  columnLabel,
  fieldsWithinLimits,
  InvoiceAmountTally,
  moneyLimits,
} from '../invoice/limits.ts';
import type { Invoice, InvoiceLine } from '../invoice/model.ts';
import type { Product } from '../product.ts';
import type { Language } from '../reseller.ts';
import { billingDecision, type NotBilledReason } from './billing-rules.ts';
import { danishDate } from './iso-date.ts';
import { type BillingPeriod, periodEnd } from './period.ts';

/**
 * A customer's period invoice for a closed month: the billing rules (billing-rules.ts) applied to
 * every item on the customer's current invoice, the lines made as for any invoice (invoiceLine),
 * the invoice made by createInvoice with `period: true`. Pure: id and clock come in, nothing is
 * written; the caller stores the invoice (conditionally, by its derived id) and consumes the items.
 */

/** Why an item is left out: a billing rule, or the data around it. */
export type SkipReason =
  | NotBilledReason
  /** The item's product is not in the catalogue given (deleted, or not loaded). */
  | 'PRODUCT_MISSING'
  /** The item belongs to another customer or tenant than the invoice's. */
  | 'OTHER_CUSTOMER'
  /**
   * Its line would be beyond the money limits (invoice/limits.ts): items are refused so when they are
   * put on, but a product's price may have risen since. Not consumed: staff split or correct it.
   */
  | 'AMOUNT_BEYOND_LIMIT'
  /** The invoice's lines would add up beyond the invoice limit with it. Not consumed. */
  | 'INVOICE_LIMIT';

export interface SkippedItem {
  readonly itemId: string;
  readonly reason: SkipReason;
  readonly detail: string;
}

export interface PeriodLines {
  /** In the order the items were put on the current invoice (createdAt, then id). */
  readonly lines: readonly InvoiceLine[];
  /** The items to take off the current invoice once the invoice is stored. Only billed items. */
  readonly consumedItemIds: readonly string[];
  /** Every item not billed, with why: for the close's log and for staff. */
  readonly skipped: readonly SkippedItem[];
}

export interface PeriodInvoice extends PeriodLines {
  readonly invoice: Invoice;
}

export interface PeriodInvoiceContext extends CreationContext {
  /** The headline's language; default the customer's, else Danish. */
  readonly language?: Language;
}

type Parties = Pick<Customer, 'id' | 'reseller'>;

/**
 * The lines of the period invoice, with what to consume and what was skipped. The close's worker
 * can call this on its own to log the skipped items of a customer who gets no invoice.
 */
export const periodLines = (
  customer: Parties,
  items: readonly CurrentItem[],
  productsById: ReadonlyMap<string, Product>,
  period: BillingPeriod,
): PeriodLines => {
  const lines: InvoiceLine[] = [];
  const consumedItemIds: string[] = [];
  const skipped: SkippedItem[] = [];
  const tally = new InvoiceAmountTally();
  // The order the store returns items in is no order; the invoice must not depend on it.
  const ordered = [...items].sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
  for (const item of ordered) {
    if (item.customer !== customer.id || item.reseller !== customer.reseller) {
      skipped.push({
        itemId: item.id,
        reason: 'OTHER_CUSTOMER',
        detail: `belongs to customer ${item.customer} of reseller ${item.reseller}`,
      });
      continue;
    }
    const decision = billingDecision(item, period);
    if (!decision.billed) {
      skipped.push({ itemId: item.id, reason: decision.reason, detail: decision.detail });
      continue;
    }
    const product = productsById.get(item.product);
    if (!product) {
      skipped.push({
        itemId: item.id,
        reason: 'PRODUCT_MISSING',
        detail: `product ${item.product} not found`,
      });
      continue;
    }
    // A barred product is still billed: barring stops new sales, not the subscriptions already sold.
    const description = item.description ?? product.description;
    const line = invoiceLine(product, {
      units: decision.units,
      description: decision.prorated ? withCoverage(description, decision.from, decision.to) : description,
      unitCost: item.unitCost,
      unitWholesale: item.unitWholesale,
      unitPrice: item.unitPrice,
      from: decision.from,
      to: decision.to,
    });
    const beyond = fieldsWithinLimits(line) ? columnBeyondLineLimit(line) : 'unitPrice';
    if (beyond) {
      skipped.push({
        itemId: item.id,
        reason: 'AMOUNT_BEYOND_LIMIT',
        detail: `units × ${columnLabel[beyond]} is beyond the limits (${moneyLimits.lineAmount} kr a line)`,
      });
      continue;
    }
    const overTotal = tally.admit(line);
    if (overTotal) {
      skipped.push({
        itemId: item.id,
        reason: 'INVOICE_LIMIT',
        detail: `the invoice's lines would add up beyond ${moneyLimits.invoiceAmount} kr (${columnLabel[overTotal]} column)`,
      });
      continue;
    }
    lines.push(line);
    if (decision.consume) consumedItemIds.push(item.id);
  }
  return { lines, consumedItemIds, skipped };
};

/**
 * The period invoice of a customer for a closed month, or undefined when nothing is billed. Dated
 * the start of the 1st of the next month, Danish time (the instant the period ended); no due date,
 * which the accounting system sets; no createdBy, as the close made it.
 */
export const periodInvoiceFor = (
  customer: Parties & Pick<Customer, 'language'>,
  items: readonly CurrentItem[],
  productsById: ReadonlyMap<string, Product>,
  period: BillingPeriod,
  { language, ...context }: PeriodInvoiceContext,
): PeriodInvoice | undefined => {
  const result = periodLines(customer, items, productsById, period);
  if (result.lines.length === 0) return undefined;
  const invoice = createInvoice(
    {
      reseller: customer.reseller,
      customer: customer.id,
      period: true,
      invoiceDate: periodEnd(period),
      headline: periodHeadline(period, language ?? customer.language ?? DEFAULT_LANGUAGE),
      lines: result.lines,
    },
    context,
  );
  return { invoice, ...result };
};

const monthNames: Readonly<Record<Language, readonly string[]>> = {
  da: [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** 'Periodefaktura november 2026' / 'Period invoice November 2026'. Fixed names, not Intl: stored text must not vary with the runtime's ICU. */
export const periodHeadline = (period: BillingPeriod, language: Language): string => {
  const [year, month] = period.month.split('-');
  const name = monthNames[language][Number(month) - 1];
  return language === 'da' ? `Periodefaktura ${name} ${year}` : `Period invoice ${name} ${year}`;
};

/** 'Nummer: 70305050 (13-11-2026 – 30-11-2026)': a pro-rated line says which days it bills. */
const withCoverage = (description: string | undefined, from?: string, to?: string): string | undefined => {
  if (from === undefined || to === undefined) return description;
  const coverage = `(${danishDate(from)} – ${danishDate(to)})`;
  return description === undefined || description === '' ? coverage : `${description} ${coverage}`;
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
