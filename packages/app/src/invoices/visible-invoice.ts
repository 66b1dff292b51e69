/**
 * Which invoices a caller may reach: ADMIN any (the id directory tells the tenant), a RESELLER its
 * own tenant's, a USER its own customer's. Anything else is 404 not_found, the same answer as for
 * an id that does not exist, so that another tenant's invoices cannot be discovered.
 */
import type { InvoiceHeader, StoredInvoice } from '#app/ports/store';
import type { Caller } from '#domain/caller';
import { notFound } from '#domain/refusal';
import { type IdDirectory, tenantOf } from '../tenancy.ts';

export interface InvoiceReader {
  getInvoice(reseller: string, id: string): Promise<StoredInvoice | undefined>;
}

export interface InvoiceHeaderReader {
  getInvoiceHeader(reseller: string, id: string): Promise<InvoiceHeader | undefined>;
}

const visibleTo = (caller: Caller, invoice: { readonly customer: string } | undefined): boolean =>
  invoice !== undefined && (caller.role !== 'USER' || invoice.customer === caller.customer);

/** GET /invoice/{id}: the invoice with its lines. */
export const requireVisibleInvoice = async (
  ports: { readonly directory: IdDirectory; readonly invoices: InvoiceReader },
  caller: Caller,
  id: string,
): Promise<StoredInvoice> => {
  const reseller = await tenantOf(ports.directory, caller, id, 'invoice');
  const stored = reseller ? await ports.invoices.getInvoice(reseller, id) : undefined;
  if (!stored || !visibleTo(caller, stored.invoice)) throw notFound();
  return stored;
};

/** The same check on the header alone, for routes that do not show the lines (the timeline). */
export const requireVisibleInvoiceHeader = async (
  ports: { readonly directory: IdDirectory; readonly invoices: InvoiceHeaderReader },
  caller: Caller,
  id: string,
): Promise<InvoiceHeader> => {
  const reseller = await tenantOf(ports.directory, caller, id, 'invoice');
  const header = reseller ? await ports.invoices.getInvoiceHeader(reseller, id) : undefined;
  if (!header || !visibleTo(caller, header)) throw notFound();
  return header;
};
