/**
 * The customers of one reseller, a page at a time. A RESELLER lists its own (naming another
 * reseller is refused), ADMIN names the reseller, a USER gets only itself.
 */
import type { PageCursors } from '#app/ports/page-cursors';
import type { Page } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import type { Customer } from '#domain/customer';
import { accessDenied, invalid } from '#domain/refusal';

export interface ListCustomersPorts {
  readonly customers: {
    getCustomer(reseller: string, id: string): Promise<Customer | undefined>;
    listCustomers(reseller: string, limit: number, cursor?: string): Promise<Page<Customer>>;
  };
  readonly cursors: PageCursors;
}

export const listCustomers = async (
  { customers, cursors }: ListCustomersPorts,
  caller: Caller,
  query: { readonly reseller?: string; readonly limit: number; readonly cursor?: string },
): Promise<Page<Customer>> => {
  if (caller.role === 'USER') {
    const own = await customers.getCustomer(caller.reseller!, caller.customer!);
    return { items: own ? [own] : [] };
  }
  if (caller.role === 'RESELLER' && query.reseller && query.reseller !== caller.reseller)
    throw accessDenied();
  const reseller = query.reseller ?? caller.reseller;
  if (!reseller) throw invalid('reseller', 'Reseller is required for ADMIN');
  const scope = { list: 'customers', tenant: reseller };
  const page = await customers.listCustomers(reseller, query.limit, await cursors.open(query.cursor, scope));
  return { items: page.items, cursor: await cursors.seal(page.cursor, scope) };
};
