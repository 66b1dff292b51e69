import type { AccountingCustomer, AccountingProduct } from '#app/ports/accounting';
import { isPaymentTermsType, type PaymentTerms } from '#domain/payment-terms';
import { asInteger, asRecord, asString, at, type JsonRecord } from '../json.ts';

/**
 * From e-conomic's collections to the port's master data, pure.
 *
 * A customer's layout is resolved once, here, in the order of contract §6:
 * 1. the customer's own `layout`, 2. its customer group's `layout`, 3. the agreement default
 * configured in Faktura's settings, 4. none (the export then reports
 * `economic.customerGroup.layout`). A layout counts only if the layouts collection lists it and
 * not as `deleted` (the customer group's embedded `layout.deleted` is honoured too).
 */

export interface LayoutBook {
  /** layoutNumber → deleted */
  readonly layouts: ReadonlyMap<number, boolean>;
  /** customerGroupNumber → the group's layout, if it has one that is not marked deleted */
  readonly groupLayouts: ReadonlyMap<number, number | undefined>;
  readonly defaultLayoutNumber?: number;
}

export const layoutsOf = (collection: readonly JsonRecord[]): Map<number, boolean> => {
  const layouts = new Map<number, boolean>();
  for (const layout of collection) {
    const number = asInteger(layout.layoutNumber);
    if (number !== undefined) layouts.set(number, layout.deleted === true);
  }
  return layouts;
};

export const groupLayoutsOf = (collection: readonly JsonRecord[]): Map<number, number | undefined> => {
  const groups = new Map<number, number | undefined>();
  for (const group of collection) {
    const number = asInteger(group.customerGroupNumber);
    if (number === undefined) continue;
    const layout = asRecord(group.layout);
    groups.set(number, layout && layout.deleted !== true ? asInteger(layout.layoutNumber) : undefined);
  }
  return groups;
};

export const usableLayout = (book: LayoutBook, layoutNumber: number | undefined): number | undefined =>
  layoutNumber !== undefined && book.layouts.get(layoutNumber) === false ? layoutNumber : undefined;

export const resolveLayout = (book: LayoutBook, customer: JsonRecord): number | undefined => {
  const group = asInteger(at(customer, 'customerGroup', 'customerGroupNumber'));
  return (
    usableLayout(book, asInteger(at(customer, 'layout', 'layoutNumber'))) ??
    usableLayout(book, group === undefined ? undefined : book.groupLayouts.get(group)) ??
    usableLayout(book, book.defaultLayoutNumber)
  );
};

/**
 * The agreement's payment terms by number (GET /payment-terms), with the type that says whether a
 * draft must carry a due date. An entry of a type the schemas do not name is left out: nothing is
 * then known of it, and e-conomic judges the draft.
 */
export const paymentTermsOf = (collection: readonly JsonRecord[]): Map<number, PaymentTerms> => {
  const terms = new Map<number, PaymentTerms>();
  for (const record of collection) {
    const number = asInteger(record.paymentTermsNumber);
    const type = record.paymentTermsType;
    if (number !== undefined && isPaymentTermsType(type))
      terms.set(number, { number, name: asString(record.name) ?? '', type });
  }
  return terms;
};

/**
 * undefined for a customer without a number (not one e-conomic would list). `terms`: the agreement's
 * payment terms, when read, to resolve the customer's.
 */
export const customerOf = (
  book: LayoutBook,
  customer: JsonRecord,
  terms?: ReadonlyMap<number, PaymentTerms>,
): AccountingCustomer | undefined => {
  const number = asInteger(customer.customerNumber);
  if (number === undefined) return undefined;
  const paymentTermsNumber = asInteger(at(customer, 'paymentTerms', 'paymentTermsNumber'));
  const fields: Record<string, unknown> = {
    number: String(number),
    name: asString(customer.name) ?? '',
    barred: customer.barred === true,
    layoutNumber: resolveLayout(book, customer),
    paymentTermsNumber,
    paymentTerms: paymentTermsNumber === undefined ? undefined : terms?.get(paymentTermsNumber),
    vatZoneNumber: asInteger(at(customer, 'vatZone', 'vatZoneNumber')),
    currency: asString(customer.currency),
    address: asString(customer.address),
    zip: asString(customer.zip),
    city: asString(customer.city),
    country: asString(customer.country),
    ean: asString(customer.ean),
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields as unknown as AccountingCustomer;
};

export const productOf = (product: JsonRecord): AccountingProduct | undefined => {
  const number = asString(product.productNumber);
  if (number === undefined) return undefined;
  return { number, name: asString(product.name) ?? '', barred: product.barred === true };
};
