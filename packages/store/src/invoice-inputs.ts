import type { InvoiceInputs } from '#app/ports/store';
import type { CurrentItem } from '#domain/current-item';
import type { Customer } from '#domain/customer';
import type { Product } from '#domain/product';
import type { Reseller } from '#domain/reseller';
import { batchGetAll } from './batch-get.ts';
import type { Db } from './db.ts';
import { fromItem } from './item.ts';
import { currentItemKey, customerKey, productKey, resellerKey } from './keys.ts';

/** What a new invoice stands on, read together. */
export const invoiceInputRepository = (db: Db) => {
  /**
   * Everything a new invoice stands on, in as few round trips as DynamoDB allows: the reseller (its
   * invoice numbering), the customer, the products of its lines and the current-invoice items it
   * takes, in one BatchGet of up to 100 keys (more only for invoices with more distinct products and
   * items than that). Strongly consistent, as the numbering's read always was: a series number
   * read stale would only lose its write's condition and be read again, but need not.
   */
  const loadInvoiceInputs = async (
    reseller: string,
    customer: string,
    productIds: readonly string[],
    currentItemIds: readonly string[],
  ): Promise<InvoiceInputs> => {
    const keys = [
      resellerKey(reseller),
      customerKey(reseller, customer),
      ...[...new Set(productIds)].map(productKey),
      ...[...new Set(currentItemIds)].map((id) => currentItemKey(reseller, customer, id)),
    ];
    const result: {
      reseller?: Reseller;
      customer?: Customer;
      products: Map<string, Product>;
      currentItems: Map<string, CurrentItem>;
    } = { products: new Map(), currentItems: new Map() };
    for (const item of await batchGetAll(db, keys, { consistent: true })) {
      if (item.type === 'reseller') result.reseller = fromItem<Reseller>(item);
      if (item.type === 'customer') result.customer = fromItem<Customer>(item);
      if (item.type === 'product') result.products.set(item.id as string, fromItem<Product>(item));
      if (item.type === 'current-item')
        result.currentItems.set(item.id as string, fromItem<CurrentItem>(item));
    }
    return result;
  };

  return { loadInvoiceInputs };
};
