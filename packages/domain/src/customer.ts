import type { Language } from './reseller.ts';

/** A reseller's customer: the one who receives the invoices. */
export interface Customer {
  readonly id: string;
  readonly reseller: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: {
    readonly street?: string;
    readonly zip?: string;
    readonly city?: string;
    readonly country?: string;
  };
  readonly language?: Language;
  readonly finance: {
    /** The customer's number (e-conomic) or account (Uniconta) in the reseller's accounting system. */
    readonly accountingSystemId?: string;
  };
  readonly createdAt: string;
  readonly updatedAt: string;
}
