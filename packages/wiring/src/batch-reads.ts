/**
 * Batched reads the export use cases need (CustomersReader.getCustomers, ExportLedgerStore.
 * getLedgerEntries) until the store's repositories have them: the store being rebuilt as
 * repositories brings both, with these signatures; then this module goes and the handlers pass
 * customerStore and exportStore as they are.
 */
import type { Customer } from '#domain/customer';
import type { LedgerEntry } from '#domain/export-job';
import { batchGetAll } from '#store/batch-get';
import { customerKey, exportLedgerSort, exportPartition } from '#store/keys';
import { customerStore, exportStore } from './store.ts';

const getCustomers = async (reseller: string, ids: readonly string[]): Promise<Map<string, Customer>> =>
  new Map(
    (await batchGetAll([...new Set(ids)].map((id) => customerKey(reseller, id)))).map((item) => [
      item.id as string,
      item as unknown as Customer,
    ]),
  );

const getLedgerEntries = async (
  reseller: string,
  exportId: string,
  invoices: readonly string[],
): Promise<Map<string, LedgerEntry>> =>
  new Map(
    (
      await batchGetAll(
        invoices.map((invoice) => ({
          pk: exportPartition(reseller, exportId),
          sk: exportLedgerSort(invoice),
        })),
        { consistent: true },
      )
    ).map((item) => [item.invoice as string, item as unknown as LedgerEntry]),
  );

export const customerReads = { ...customerStore, getCustomers };
export const exportReads = { ...exportStore, getLedgerEntries };
