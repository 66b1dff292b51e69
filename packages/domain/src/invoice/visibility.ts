import type { Invoice, InvoiceLine } from './model.ts';
import { type InvoiceViewOptions, invoiceView } from './view.ts';

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
 * The JSON document of an invoice for a role, with the GET options applied (selection, grouping,
 * and which document's totals; see view.ts). Properties with no value are left out.
 */
export const presentInvoice = (
  invoice: Invoice,
  role: ViewerRole,
  options: InvoiceViewOptions = {},
): InvoiceDocument => {
  const view = invoiceView(invoice, options);
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
    lines: view.lines.map((line) =>
      defined({
        product: line.product,
        productCode: line.productCode,
        name: line.name,
        description: line.description,
        units: line.units,
        type: line.type,
        unitCost: cost ? line.unitCost : undefined,
        unitWholesale: wholesale ? line.unitWholesale : undefined,
        unitPrice: line.unitPrice,
        vatExempt: line.vatExempt,
        from: line.from,
        to: line.to,
      }),
    ),
    subTotalCost: cost ? view.totals.subTotalCost : undefined,
    subTotalWholesale: wholesale ? view.totals.subTotalWholesale : undefined,
    subTotal: view.totals.subTotal,
    vatCost: cost ? view.totals.vatCost : undefined,
    vatWholesale: wholesale ? view.totals.vatWholesale : undefined,
    vat: view.totals.vat,
    total: view.totals.total,
  });
};
