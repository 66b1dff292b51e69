/**
 * Changes the fields given, leaves the others. The owning reseller is fixed for the customer's
 * lifetime: moving a customer would move its invoices' tenant.
 */
import type { Clock } from '#app/ports/clock';
import type { Caller } from '#domain/caller';
import type { Customer } from '#domain/customer';
import { notFound } from '#domain/refusal';
import { requireVisibleCustomer, type TenancyPorts } from '../tenancy.ts';
import type { CustomerFields } from './create-customer.ts';

export interface UpdateCustomerPorts extends TenancyPorts {
  readonly customers: TenancyPorts['customers'] & {
    updateCustomer(
      reseller: string,
      id: string,
      changes: Partial<Omit<Customer, 'id' | 'reseller' | 'createdAt'>>,
    ): Promise<Customer | undefined>;
  };
  readonly clock: Clock;
}

export const updateCustomer = async (
  ports: UpdateCustomerPorts,
  caller: Caller,
  id: string,
  changes: Partial<CustomerFields>,
): Promise<Customer> => {
  const existing = await requireVisibleCustomer(ports, caller, id, 'not_found', 'Not found');
  const finance = changes.finance ? { ...existing.finance, ...changes.finance } : undefined;
  const updated = await ports.customers.updateCustomer(existing.reseller, existing.id, {
    ...changes,
    ...(finance ? { finance } : {}),
    updatedAt: ports.clock.now().toISOString(),
  });
  if (!updated) throw notFound();
  return updated;
};
