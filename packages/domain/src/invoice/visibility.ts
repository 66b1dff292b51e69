import type { Invoice, InvoiceLine } from './model.ts';
import { type InvoiceViewOptions, invoiceViewLines, invoiceViewTotals } from './view.ts';

/**
 * Who sees which prices (docs/design-brief.md, decision 4): ADMIN sees cost, wholesale and price; RESELLER
 * wholesale and price; USER price only. A field the caller may not see is ABSENT — not null, not 0 —
 * so that its name alone gives nothing away.
 *
 * The document is built from an allowlist, field by field, rather than by deleting the fields a role
 * may not see from a copy of the invoice: a field added to the model later stays private until
 * someone decides to show it.
 */

/** The same three roles as the API's token claims; kept here so that the domain imports nothing. */
export type ViewerRole = 'ADMIN' | 'RESELLER' | 'USER';

export type PriceTier = 'cost' | 'wholesale' | 'price';

const tiersByRole: Record<ViewerRole, readonly PriceTier[]> = {
  ADMIN: ['cost', 'wholesale', 'price'],
  RESELLER: ['wholesale', 'price'],
  USER: ['price'],
};

/** The price columns a role may see, cheapest first. */
export const visiblePriceTiers = (role: ViewerRole): readonly PriceTier[] => tiersByRole[role];

export const canSee = (role: ViewerRole, tier: PriceTier): boolean => tiersByRole[role].includes(tier);

/** An invoice line as docs/seeds/003-get-invoice.txt shows it. */
export interface InvoiceLineDocument {
  readonly product: string;
  readonly productCode: string;
  readonly name: string;
  readonly description?: string;
  readonly units: number;
  readonly type: InvoiceLine['type'];
  readonly unitCost?: number;
  readonly unitWholesale?: number;
  readonly unitPrice: number;
  readonly vatExempt: boolean;
  readonly from?: string;
  readonly to?: string;
}

/** The invoice as docs/seeds/003-get-invoice.txt shows it (`GET /invoice/{id}`, JSON). */
export interface InvoiceDocument {
  readonly _id: string;
  readonly customer: string;
  readonly sent: boolean;
  readonly invoiceNumber: string;
  readonly period: boolean;
  readonly invoiceDate: string;
  readonly dueDate?: string;
  readonly paid: boolean;
  readonly headline?: string;
  readonly lines: readonly InvoiceLineDocument[];
  readonly subTotalCost?: number;
  readonly subTotalWholesale?: number;
  readonly subTotal: number;
  readonly vatCost?: number;
  readonly vatWholesale?: number;
  readonly vat: number;
  readonly total: number;
}

/** Only the properties that hold a value ("properties holding no value may be omitted"). */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

/**
 * A line as the role may see it. Built field by field rather than through `defined`: an invoice
 * has up to 10,000 lines, and a copy through entries per line was most of presenting one.
 */
const presentLine = (line: InvoiceLine, cost: boolean, wholesale: boolean): InvoiceLineDocument => {
  // Filled in the seed document's order, which is the order JSON gives the fields in.
  const shown: Partial<Record<keyof InvoiceLineDocument, unknown>> = {
    product: line.product,
    productCode: line.productCode,
    name: line.name,
  };
  if (line.description !== undefined) shown.description = line.description;
  shown.units = line.units;
  shown.type = line.type;
  if (cost) shown.unitCost = line.unitCost;
  if (wholesale) shown.unitWholesale = line.unitWholesale;
  shown.unitPrice = line.unitPrice;
  shown.vatExempt = line.vatExempt;
  if (line.from !== undefined) shown.from = line.from;
  if (line.to !== undefined) shown.to = line.to;
  return shown as unknown as InvoiceLineDocument;
};

/**
 * The JSON document of an invoice for a role, with the GET options applied (selection, grouping,
 * and which document's totals; see view.ts). Properties with no value are left out.
 */
export const presentInvoice = (
  invoice: Invoice,
  role: ViewerRole,
  options: InvoiceViewOptions = {},
): InvoiceDocument => {
  const totals = invoiceViewTotals(invoice, options);
  const cost = canSee(role, 'cost');
  const wholesale = canSee(role, 'wholesale');
  return defined({
    _id: invoice.id,
    customer: invoice.customer,
    sent: invoice.sent,
    invoiceNumber: invoice.invoiceNumber,
    period: invoice.period,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    paid: invoice.paid,
    headline: invoice.headline,
    lines: invoiceViewLines(invoice, options).map((line) => presentLine(line, cost, wholesale)),
    subTotalCost: cost ? totals.subTotalCost : undefined,
    subTotalWholesale: wholesale ? totals.subTotalWholesale : undefined,
    subTotal: totals.subTotal,
    vatCost: cost ? totals.vatCost : undefined,
    vatWholesale: wholesale ? totals.vatWholesale : undefined,
    vat: totals.vat,
    total: totals.total,
  });
};
