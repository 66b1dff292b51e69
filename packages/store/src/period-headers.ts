import type { ExportableInvoiceHeader } from '#app/ports/store';
import type { Db } from './db.ts';
import { headerOf } from './invoice-header.ts';
import { invoicesByDateSortCharacters, resellerInvoicesIndexKey } from './keys.ts';
import { queryKeyRange } from './query-key-range.ts';

/**
 * A period's invoice headers whole, for what exports, e-mails and books them; apart from the
 * listings people page through (invoice-listing.ts), whose function need not bundle the ranges.
 */
export const periodHeaderRepository = (db: Db) => {
  /**
   * Every invoice header of a reseller dated inside [from, to] (ISO instants), oldest first. A
   * month-end export's are 20,000: read as ranges side by side (query-key-range.ts).
   */
  const invoiceHeadersInPeriod = async (
    reseller: string,
    from: string,
    to: string,
  ): Promise<ExportableInvoiceHeader[]> =>
    (
      await queryKeyRange(db, {
        indexName: 'gsi2',
        partitionKey: { name: 'gsi2pk', value: resellerInvoicesIndexKey(reseller, '', '').gsi2pk },
        sortKey: { name: 'gsi2sk', from, to: `${to}~`, characters: invoicesByDateSortCharacters },
      })
    ).map((item) => headerOf<ExportableInvoiceHeader>(item));

  return { invoiceHeadersInPeriod };
};
