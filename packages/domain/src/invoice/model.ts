import type { ProductKind, UnitType } from '../product.ts';

/**
 * The invoice as it is stored: a legal document. Everything that decides an amount is copied into
 * it when it is created (names, unit prices, VAT exemption, the product's kind and flags), so that a
 * later change to the catalogue never changes an invoice that was already issued.
 */

/** What `invoiceNumber` holds until the accounting system (or a numbering run) sets the real one. */
export const PENDING_INVOICE_NUMBER = '-1';

export interface InvoiceLine {
  /** Id of the product used. */
  readonly product: string;
  /** The product number in the accounting system, e.g. 'IN4010'. */
  readonly productCode: string;
  readonly name: string;
  /** Optional text, e.g. 'Nummer: 70305050'. */
  readonly description?: string;
  /** Number of units; fractional for metered usage, negative to credit. */
  readonly units: number;
  readonly type: UnitType;
  /** The three unit prices, all always present: the roles only differ in which ones they may see. */
  readonly unitCost: number;
  readonly unitWholesale: number;
  readonly unitPrice: number;
  readonly vatExempt: boolean;
  /** The period the line covers, ISO dates (YYYY-MM-DD), inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Copied from the product: the GET options select lines by these. */
  readonly kind: ProductKind;
  /** Included in another subscription, so free; hidden unless `showIncludedProducts`. */
  readonly included: boolean;
  /** Billed on behalf of a third party; these lines form a document of their own. */
  readonly externalLicense: boolean;
}

/**
 * The invoice's amounts per price column. Cost and wholesale have a VAT figure as the seeds show,
 * but no total of their own (`subTotal… + vat…` is exact for whoever needs it): the seed document
 * has no such field and we do not invent one.
 */
export interface InvoiceTotals {
  readonly subTotalCost: number;
  readonly vatCost: number;
  readonly subTotalWholesale: number;
  readonly vatWholesale: number;
  readonly subTotal: number;
  readonly vat: number;
  /** subTotal + vat, exactly. */
  readonly total: number;
}

export interface Invoice {
  readonly id: string;
  /** The tenant. Never shown in the document, but every read is scoped by it. */
  readonly reseller: string;
  readonly customer: string;
  readonly sent: boolean;
  /**
   * Always a string, as the seeds type it; PENDING_INVOICE_NUMBER ('-1') while the accounting
   * system has yet to set it. (The seed examples print -1 as a number; a field that is sometimes a
   * number and sometimes a string helps no client, so we keep the documented type.)
   */
  readonly invoiceNumber: string;
  /** True for the monthly period invoice made by the monthly close. */
  readonly period: boolean;
  /** An ISO 8601 instant in UTC, as the seeds show it: midnight Danish time of the invoice day. */
  readonly invoiceDate: string;
  /** The last payment day, same form; absent until it is set (possibly by the accounting system). */
  readonly dueDate?: string;
  readonly paid: boolean;
  readonly headline?: string;
  /** All lines, in the order they were invoiced: both documents' (see `externalLicenseTotals`). */
  readonly lines: readonly InvoiceLine[];
  /**
   * The invoice's legal amounts: over every line that is not an external licence, included (free)
   * and subscription lines as well. Computed once when the invoice is made; display options never
   * change them.
   */
  readonly totals: InvoiceTotals;
  /** The amounts of the external-licence lines, a document of their own (zeros when there are none). */
  readonly externalLicenseTotals: InvoiceTotals;
  readonly createdAt: string;
  /** The user who made it; absent when the monthly close did. */
  readonly createdBy?: string;
}
