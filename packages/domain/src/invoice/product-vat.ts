import type { InvoiceLine } from './model.ts';
import { lineAmount } from './money.ts';

/**
 * Which products an invoice bills with VAT and which without, per document (the invoice proper, or
 * its external licences). Kept on the invoice's header so that an export checks the accounting
 * system's VAT per product before it starts, without reading 20,000 invoices' lines: e-conomic
 * decides VAT by the product, so a product billed both ways, or the other way than e-conomic
 * would, makes a draft that differs from the invoice. A line that bills nothing in any column
 * carries no VAT either way and is left out.
 */
export interface ProductVat {
  /** Products with a VAT-exempt line that bills an amount. */
  readonly exempt: readonly string[];
  /** Products with a VAT-liable line that bills an amount. */
  readonly liable: readonly string[];
}

const billsAnAmount = (line: InvoiceLine): boolean =>
  lineAmount(line.units, line.unitPrice) !== 0 || lineAmount(line.units, line.unitWholesale) !== 0;

export const productVatOf = (lines: readonly InvoiceLine[], externalLicenses: boolean): ProductVat => {
  const exempt = new Set<string>();
  const liable = new Set<string>();
  for (const line of lines) {
    if (line.externalLicense !== externalLicenses || !billsAnAmount(line)) continue;
    (line.vatExempt ? exempt : liable).add(line.productCode);
  }
  return { exempt: [...exempt], liable: [...liable] };
};
