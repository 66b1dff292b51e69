import type { Caller } from '#domain/caller';
import { type TimelineEntry, timelineFor } from '#domain/invoice/timeline';
import type { IdDirectory } from '../tenancy.ts';
import { type InvoiceHeaderReader, requireVisibleInvoiceHeader } from './visible-invoice.ts';

export interface InvoiceTimelinePorts {
  readonly directory: IdDirectory;
  readonly invoices: InvoiceHeaderReader & {
    getTimeline(reseller: string, id: string): Promise<TimelineEntry[]>;
  };
}

/**
 * What happened to an invoice the caller may see, oldest first, as the caller may see it (the end
 * customer only its own events, without staff or notes).
 */
export const invoiceTimeline = async (ports: InvoiceTimelinePorts, caller: Caller, id: string) => {
  const invoice = await requireVisibleInvoiceHeader(ports, caller, id);
  const timeline = await ports.invoices.getTimeline(invoice.reseller, invoice.id);
  return { invoice: invoice.id, timeline: timelineFor(caller.role, timeline) };
};
