/**
 * The invoice list a reseller's staff work from, newest first. A RESELLER lists its own tenant (all
 * customers, or one); ADMIN names the reseller or the customer; a USER always gets its own
 * customer's invoices.
 */
import type { InvoiceHeader, InvoiceQuery } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import { accessDenied, invalid, notFound } from '#domain/refusal';
import { findVisibleCustomer, type TenancyPorts } from '../tenancy.ts';

export interface ListInvoicesPorts extends TenancyPorts {
  readonly invoices: {
    listInvoices(query: InvoiceQuery): Promise<{ invoices: InvoiceHeader[]; more: boolean }>;
  };
}

export interface InvoiceListQuery {
  readonly customer?: string;
  readonly reseller?: string;
  readonly fromDate?: Date;
  readonly toDate?: Date;
  readonly offset: number;
  readonly limit: number;
}

export const listInvoices = async (
  ports: ListInvoicesPorts,
  caller: Caller,
  query: InvoiceListQuery,
): Promise<{ invoices: InvoiceHeader[]; more: boolean }> => {
  if (caller.role !== 'ADMIN' && query.reseller && query.reseller !== caller.reseller) throw accessDenied();
  const customerId = caller.role === 'USER' ? caller.customer : query.customer;
  if (caller.role === 'USER' && query.customer && query.customer !== caller.customer)
    throw notFound('customer', 'Customer not found');
  let reseller = caller.role === 'ADMIN' ? query.reseller : caller.reseller;
  if (customerId) {
    const customer = await findVisibleCustomer(ports, caller, customerId);
    if (!customer || (reseller && customer.reseller !== reseller))
      throw notFound('customer', 'Customer not found');
    reseller = customer.reseller;
  }
  if (!reseller) throw invalid('reseller', 'ADMIN must name a reseller or a customer');
  return ports.invoices.listInvoices({
    reseller,
    customer: customerId,
    from: query.fromDate?.toISOString(),
    to: query.toDate?.toISOString(),
    offset: query.offset,
    limit: query.limit,
  });
};
