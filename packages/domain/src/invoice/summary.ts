import type { Invoice } from './model.ts';
import { canSee, type ViewerRole } from './visibility.ts';

/** An invoice without its lines, as lists and exports read it. */
export type InvoiceSummaryHeader = Omit<Invoice, 'lines'> & { readonly lineCount: number };

/** An invoice in a list: its header and totals as the role may see them, no lines. */
export const presentInvoiceSummary = (header: InvoiceSummaryHeader, role: ViewerRole) => {
  const cost = canSee(role, 'cost');
  const wholesale = canSee(role, 'wholesale');
  const { totals } = header;
  return {
    _id: header.id,
    customer: header.customer,
    sent: header.sent,
    invoiceNumber: header.invoiceNumber,
    period: header.period,
    invoiceDate: header.invoiceDate,
    ...(header.dueDate ? { dueDate: header.dueDate } : {}),
    paid: header.paid,
    ...(header.headline ? { headline: header.headline } : {}),
    lineCount: header.lineCount,
    ...(cost ? { subTotalCost: totals.subTotalCost } : {}),
    ...(wholesale ? { subTotalWholesale: totals.subTotalWholesale } : {}),
    subTotal: totals.subTotal,
    ...(cost ? { vatCost: totals.vatCost } : {}),
    ...(wholesale ? { vatWholesale: totals.vatWholesale } : {}),
    vat: totals.vat,
    total: totals.total,
  };
};
