/** A reseller is a tenant: every customer, product price and invoice belongs to exactly one. */
export const languages = ['da', 'en'] as const;
export type Language = (typeof languages)[number];

export interface Reseller {
  readonly id: string;
  readonly name: string;
  /** Where the reseller's staff are reached. */
  readonly email: string;
  /** The language of e-mails and, by default, of documents for this reseller. */
  readonly language: Language;
  readonly finance: {
    /** Where export reports go. */
    readonly accountingEmail?: string;
    /** The reseller's customer number in the platform's own books (adminMode exports). */
    readonly accountingSystemId?: string;
  };
  /**
   * Who numbers the reseller's invoices (docs/invoice-numbering.md): `accounting` (the default:
   * `-1` until the accounting system books it) or `faktura`, its own unbroken series.
   */
  readonly invoiceNumbering?: InvoiceNumbering;
  /** `faktura` numbering: the number the next invoice gets; moved on only by an invoice written with it. */
  readonly nextInvoiceNumber?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const invoiceNumberings = ['accounting', 'faktura'] as const;
export type InvoiceNumbering = (typeof invoiceNumberings)[number];
