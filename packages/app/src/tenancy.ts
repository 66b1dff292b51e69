/**
 * Which customers a caller may reach. ADMIN names any customer by id (the id directory tells its
 * reseller); a RESELLER looks only inside its own tenant; a USER sees only its own customer. "Not
 * yours" and "does not exist" are the same answer, so ids cannot be probed.
 */

import type { DirectoryEntry, DirectoryKind } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import type { Customer } from '#domain/customer';
import { notFound } from '#domain/refusal';

export interface CustomerLookup {
  getCustomer(reseller: string, id: string): Promise<Customer | undefined>;
}

export interface IdDirectory {
  lookUp(id: string, kind: DirectoryKind): Promise<DirectoryEntry | undefined>;
}

export interface TenancyPorts {
  readonly customers: CustomerLookup;
  readonly directory: IdDirectory;
}

export const findVisibleCustomer = async (
  { customers, directory }: TenancyPorts,
  caller: Caller,
  id: string,
): Promise<Customer | undefined> => {
  if (caller.role === 'USER' && caller.customer !== id) return undefined;
  if (caller.role === 'ADMIN') {
    const entry = await directory.lookUp(id, 'customer');
    return entry ? customers.getCustomer(entry.reseller, id) : undefined;
  }
  return customers.getCustomer(caller.reseller!, id);
};

export const requireVisibleCustomer = async (
  ports: TenancyPorts,
  caller: Caller,
  id: string,
  key = 'customer',
  description = 'Customer not found',
): Promise<Customer> => {
  const customer = await findVisibleCustomer(ports, caller, id);
  if (!customer) throw notFound(key, description);
  return customer;
};
