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
  readonly createdAt: string;
  readonly updatedAt: string;
}
