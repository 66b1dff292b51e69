import type { Product } from '../product.ts';
import type { InvoiceLine } from './model.ts';

/**
 * What a caller asks to invoice for one product: the `lines[]` of `POST /invoice`, or a current
 * invoice item (a CurrentItem has these fields). Every field but units falls back to the product.
 * Who may override what (unitCost and unitWholesale are ADMIN-only, manual-billing.ts) is checked
 * where the caller is known; here an override is simply applied.
 */
export interface LineRequest {
  readonly units: number;
  readonly name?: string;
  readonly description?: string;
  readonly unitCost?: number;
  readonly unitWholesale?: number;
  readonly unitPrice?: number;
  readonly vatExempt?: boolean;
  readonly from?: string;
  readonly to?: string;
}

/** The invoice line for a product and a request: the product's data, copied, with the overrides. */
export const invoiceLine = (product: Product, request: LineRequest): InvoiceLine => {
  const description = request.description ?? product.description;
  return {
    product: product.id,
    productCode: product.productCode,
    name: request.name ?? product.name,
    ...(description === undefined ? {} : { description }),
    units: request.units,
    type: product.unitType,
    unitCost: request.unitCost ?? product.unitCost,
    unitWholesale: request.unitWholesale ?? product.unitWholesale,
    unitPrice: request.unitPrice ?? product.unitPrice,
    vatExempt: request.vatExempt ?? product.vatExempt,
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.to === undefined ? {} : { to: request.to }),
    kind: product.kind,
    included: product.included,
    externalLicense: product.externalLicense,
  };
};
