import type { InvoiceHeader, StoredInvoice } from '#app/ports/store';
import type { Caller } from '#lambda/caller';
import { notFound } from '#lambda/errors';
import { directoryStore, invoiceStore } from '#wiring/store';

/** The tenant in which to look for an invoice: the caller's own, or for ADMIN the id directory's answer. */
export const invoiceTenant = async (caller: Caller, id: string): Promise<string | undefined> =>
  caller.role === 'ADMIN' ? (await directoryStore.lookUp(id, 'invoice'))?.reseller : caller.reseller;

/**
 * The invoice if the caller may see it; otherwise 404 not_found, the same answer as for an id
 * that does not exist, so that another tenant's invoices cannot be discovered.
 */
export const requireVisibleInvoice = async (caller: Caller, id: string): Promise<StoredInvoice> => {
  const reseller = await invoiceTenant(caller, id);
  const stored = reseller ? await invoiceStore.getInvoice(reseller, id) : undefined;
  if (!stored || (caller.role === 'USER' && stored.invoice.customer !== caller.customer)) throw notFound();
  return stored;
};

/** The same check on the header alone, for routes that do not show the lines (the timeline). */
export const requireVisibleInvoiceHeader = async (caller: Caller, id: string): Promise<InvoiceHeader> => {
  const reseller = await invoiceTenant(caller, id);
  const header = reseller ? await invoiceStore.getInvoiceHeader(reseller, id) : undefined;
  if (!header || (caller.role === 'USER' && header.customer !== caller.customer)) throw notFound();
  return header;
};
