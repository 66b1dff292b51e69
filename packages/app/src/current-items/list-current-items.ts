import type { Caller } from '#domain/caller';
import type { CurrentItem } from '#domain/current-item';
import { requireVisibleCustomer, type TenancyPorts } from '../tenancy.ts';

export interface ListCurrentItemsPorts extends TenancyPorts {
  readonly currentItems: { listCurrentItems(reseller: string, customer: string): Promise<CurrentItem[]> };
}

/** What a customer the caller may see will be billed next. */
export const listCurrentItems = async (
  ports: ListCurrentItemsPorts,
  caller: Caller,
  customerId: string,
): Promise<CurrentItem[]> => {
  const customer = await requireVisibleCustomer(ports, caller, customerId);
  return ports.currentItems.listCurrentItems(customer.reseller, customer.id);
};
