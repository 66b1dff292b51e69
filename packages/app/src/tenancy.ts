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

/**
 * The tenant in which to look for a customer or an invoice the caller names: its own, or for ADMIN
 * the one the id directory names (none: undefined). A use case that needs the tenant before it
 * reads the customer (to scope an `Idempotency-Key`) asks once and reads with `visibleCustomerIn`.
 */
export const tenantOf = async (
  directory: IdDirectory,
  caller: Caller,
  id: string,
  kind: DirectoryKind,
): Promise<string | undefined> =>
  caller.role === 'ADMIN' ? (await directory.lookUp(id, kind))?.reseller : caller.reseller;

/** The customer in the tenant `tenantOf` named, when the caller may see it. */
export const visibleCustomerIn = async (
  customers: CustomerLookup,
  caller: Caller,
  id: string,
  tenant: string | undefined,
): Promise<Customer | undefined> => {
  if (caller.role === 'USER' && caller.customer !== id) return undefined;
  return tenant ? customers.getCustomer(tenant, id) : undefined;
};

export const findVisibleCustomer = async (
  ports: TenancyPorts,
  caller: Caller,
  id: string,
): Promise<Customer | undefined> => {
  // Another customer's USER is answered without a read.
  if (caller.role === 'USER' && caller.customer !== id) return undefined;
  return visibleCustomerIn(
    ports.customers,
    caller,
    id,
    await tenantOf(ports.directory, caller, id, 'customer'),
  );
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
