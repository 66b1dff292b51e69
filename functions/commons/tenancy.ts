import type { Customer } from '#domain/customer';
import type { Caller } from '#lambda/caller';
import { notFound } from '#lambda/errors';
import { customerStore, directoryStore } from '#wiring/store';

/**
 * Finds a customer the caller may see, or nothing. ADMIN names any customer by id (the id
 * directory tells its reseller); a RESELLER looks only inside its own tenant; a USER sees only its
 * own customer. "Not yours" and "does not exist" are the same answer, so ids cannot be probed.
 */
export const findVisibleCustomer = async (caller: Caller, id: string): Promise<Customer | undefined> => {
  if (caller.role === 'USER' && caller.customer !== id) return undefined;
  if (caller.role === 'ADMIN') {
    const entry = await directoryStore.lookUp(id, 'customer');
    return entry ? customerStore.getCustomer(entry.reseller, id) : undefined;
  }
  return customerStore.getCustomer(caller.reseller!, id);
};

export const requireVisibleCustomer = async (
  caller: Caller,
  id: string,
  key = 'customer',
  description = 'Customer not found',
): Promise<Customer> => {
  const customer = await findVisibleCustomer(caller, id);
  if (!customer) throw notFound(key, description);
  return customer;
};
