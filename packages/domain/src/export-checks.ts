import type { Customer } from './customer.ts';
import { type AccountingSystemName, systemLabels } from './integration.ts';
import { VAT_RATE } from './invoice/money.ts';
import type { ProductVat } from './invoice/product-vat.ts';
import { decideDueDate, type PaymentTerms, undecidableDueDate } from './payment-terms.ts';

/**
 * What must hold before an export may start, checked synchronously for every invoice so that a
 * reseller learns every problem at once (docs/seeds/001-economic-export.txt and docs/seeds/000-uniconta-export.txt "multiple errors"), not one per attempt.
 * Pure: the caller reads the invoices, the customers and the accounting system's master data.
 */
export interface ExportProblem {
  readonly key: string;
  readonly description: string;
}

export interface InvoiceToCheck {
  readonly id: string;
  readonly customer: string;
  readonly productCodes: readonly string[];
  /** The draft's date (the invoice date, YYYY-MM-DD in Danish time): e-conomic's due-date rule needs it. */
  readonly date?: string;
  /** The invoice's own due date, YYYY-MM-DD, if it has one. */
  readonly dueDate?: string;
  /** The products the exported document bills with and without VAT (#domain/invoice/product-vat), when known. */
  readonly productVat?: ProductVat;
}

export interface AccountingMasterData {
  readonly customers: ReadonlyMap<
    string,
    {
      readonly barred: boolean;
      readonly layoutNumber?: number;
      readonly paymentTerms?: PaymentTerms;
      readonly vatZoneNumber?: number;
    }
  >;
  /** `vatRates`: e-conomic, the VAT in percent a line of the product carries, by VAT zone number. */
  readonly products: ReadonlyMap<
    string,
    { readonly barred: boolean; readonly vatRates?: ReadonlyMap<number, number> }
  >;
  /** e-conomic: the layouts a draft may name; absent where the system has none. */
  readonly layouts?: ReadonlySet<number>;
}

export interface ExportCheckInput {
  readonly system: AccountingSystemName;
  readonly invoices: readonly InvoiceToCheck[];
  /** The invoices' customers by id; a missing one is a problem of its own. */
  readonly customers: ReadonlyMap<string, Pick<Customer, 'id' | 'name' | 'finance'>>;
  readonly masterData: AccountingMasterData;
  /** e-conomic: a layout named for the whole export makes the customers' own unnecessary. */
  readonly layoutGiven: boolean;
  /** e-conomic: the layout named for the whole export, which must be one of the system's. */
  readonly layout?: number;
  /**
   * adminMode: the platform bills the reseller, so the accounting customer is the reseller's
   * number in the platform's books, not the invoice customer's.
   */
  readonly billedAs?: { readonly name: string; readonly accountingSystemId?: string };
  /** e-conomic: the integration's default days of credit, for `dueDate` terms (payment-terms.ts). */
  readonly defaultDaysOfCredit?: number;
}

export const checkExport = (input: ExportCheckInput): ExportProblem[] => {
  const problems: ExportProblem[] = [];
  const seen = new Set<string>();
  const report = (key: string, description: string) => {
    if (seen.has(`${key}\n${description}`)) return;
    seen.add(`${key}\n${description}`);
    problems.push({ key, description });
  };
  const label = systemLabels[input.system];
  const { layout, masterData } = input;
  if (layout !== undefined && masterData.layouts && !masterData.layouts.has(layout))
    report('layout', `Layout not found in ${label}: ${layout}`);

  for (const invoice of input.invoices) {
    const customer = input.customers.get(invoice.customer);
    if (!customer) {
      report('customer', `Customer was not found for invoice: ${invoice.id}`);
      continue;
    }
    const billed = input.billedAs ?? {
      name: customer.name,
      accountingSystemId: customer.finance.accountingSystemId,
    };
    if (!billed.accountingSystemId) {
      report('finance.accountingSystemId', `Accounting system ID is not found for: ${billed.name}`);
    } else {
      const known = input.masterData.customers.get(billed.accountingSystemId);
      if (!known || known.barred) {
        report(
          `${input.system}.customer`,
          `Customer not found in ${input.system === 'economic' ? 'economic' : label}: ${billed.name}`,
        );
      } else if (input.system === 'economic' && !input.layoutGiven && known.layoutNumber === undefined) {
        report('economic.customerGroup.layout', `Customer did not have a layout available: ${billed.name}`);
      }
      if (input.system === 'economic' && known && !known.barred && known.paymentTerms && invoice.date) {
        const decision = decideDueDate({
          date: invoice.date,
          dueDate: invoice.dueDate,
          terms: known.paymentTerms,
          defaultDaysOfCredit: input.defaultDaysOfCredit,
        });
        if (decision.kind === 'undecidable')
          report('economic.paymentTerms', undecidableDueDate(known.paymentTerms, decision, billed.name));
      }
    }
    for (const code of invoice.productCodes) {
      const product = input.masterData.products.get(code);
      if (!product || product.barred)
        report(`${input.system}.product`, `Product not found in ${label} with product code: ${code}`);
    }
    const zone = billed.accountingSystemId
      ? input.masterData.customers.get(billed.accountingSystemId)?.vatZoneNumber
      : undefined;
    if (input.system === 'economic' && zone !== undefined && invoice.productVat) {
      for (const problem of economicVatProblems(invoice, invoice.productVat, zone, billed.name, masterData))
        report('economic.product.vat', problem);
    }
  }
  return problems;
};

/** Faktura's VAT rate in percent (#domain/invoice/money): what a VAT-liable line must carry in the books. */
const liableRate = Number(VAT_RATE) * 100;

/**
 * e-conomic decides a line's VAT by its product (the product group's sales account for the
 * customer's VAT zone, docs/contracts/booking-and-vat.md); a line has no VAT of its own. So a VAT-exempt line
 * needs a product that carries no VAT in the customer's zone, and a VAT-liable one a product that
 * carries Faktura's rate, or the draft's VAT differs from the invoice's. A product whose VAT in the
 * zone could not be read is not judged here: the draft's answer is checked after it is made.
 */
const economicVatProblems = (
  invoice: InvoiceToCheck,
  productVat: ProductVat,
  zone: number,
  customerName: string,
  masterData: AccountingMasterData,
): string[] => {
  const problems: string[] = [];
  const rateOf = (code: string) => masterData.products.get(code)?.vatRates?.get(zone);
  for (const code of productVat.exempt) {
    const rate = rateOf(code);
    if (rate !== undefined && rate !== 0)
      problems.push(
        `Product ${code} carries ${rate} % VAT in e-conomic for ${customerName} (VAT zone ${zone}), but invoice ${invoice.id} bills it VAT-exempt`,
      );
  }
  for (const code of productVat.liable) {
    const rate = rateOf(code);
    if (rate !== undefined && rate !== liableRate)
      problems.push(
        `Product ${code} carries ${rate} % VAT in e-conomic for ${customerName} (VAT zone ${zone}), but invoice ${invoice.id} bills it with ${liableRate} % VAT`,
      );
  }
  return problems;
};
