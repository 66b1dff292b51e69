import type { CurrentItem } from '#domain/current-item';
import type { Customer } from '#domain/customer';
import type { Invoice } from '#domain/invoice/model';
import type { ProductVat } from '#domain/invoice/product-vat';
import type { Product } from '#domain/product';
import type { Reseller } from '#domain/reseller';
import type { ExportedTo } from './exported-to.ts';

/** The invoice without its lines: what listings show and what the header item holds. */
export type InvoiceHeader = Omit<Invoice, 'lines'> & { readonly lineCount: number };

/** The header as exports read it: which products the invoice uses, and where it has been exported. */
export type ExportableInvoiceHeader = InvoiceHeader & {
  readonly productCodes: readonly string[];
  readonly externalLicenseProductCodes: readonly string[];
  /** Products billed with and without VAT (#domain/invoice/product-vat); absent on invoices made before it was kept. */
  readonly productVat?: ProductVat;
  readonly externalLicenseProductVat?: ProductVat;
  /** Read it with exportSummaryOf (exported-to.ts), never by indexing: its keys are not the bare names. */
  readonly exportedTo?: ExportedTo;
};

export interface NewInvoiceWrite {
  readonly invoice: Invoice;
  /** Current-invoice items taken into the invoice: they leave the current list in the same transaction. */
  readonly consumedItems: readonly Pick<CurrentItem, 'id' | 'reseller' | 'customer'>[];
  /** A fingerprint of the request, so an idempotent replay can be told from a reused key. */
  readonly requestHash?: string;
  /**
   * The invoice takes this number of its reseller's series (#domain/invoice/numbering): the series
   * moves on to the next in the same transaction, on the condition that it is still at this one.
   */
  readonly seriesNumber?: number;
}

/** Why a new invoice was not written: each is the caller's to answer, never a 500. */
export class InvoiceWriteConflict extends Error {
  public override readonly name = 'InvoiceWriteConflict';
  public constructor(
    public readonly reason:
      | 'invoice-exists'
      | 'invoice-number-taken'
      | 'items-gone'
      /** Another transaction on the same items was in flight (DynamoDB's TransactionConflict). */
      | 'concurrent-write'
      /** The reseller's series moved on since its number was read (another invoice took it). */
      | 'series-moved',
  ) {
    super(reason);
  }
}

/**
 * The invoice cannot be stored: its lines (gzip JSON chunks) and the rest of its one transaction
 * come to more than DynamoDB writes at once (4 MB), or its header item (which lists the products
 * it uses) to more than one item holds (400 KB). Thrown before anything is written.
 */
export class InvoiceTooLarge extends Error {
  public override readonly name = 'InvoiceTooLarge';
  public constructor(
    /** `lines`: the stored lines exceed what the transaction has room for; `header`: the header item. */
    public readonly part: 'lines' | 'header',
    public readonly bytes: number,
    public readonly maxBytes: number,
  ) {
    super(
      part === 'lines'
        ? `The invoice's lines take ${bytes} bytes stored; at most ${maxBytes} fit in one invoice`
        : `The invoice uses too many distinct products: its header takes ${bytes} bytes stored; at most ${maxBytes} fit in one invoice`,
    );
  }
}

export interface StoredInvoice {
  readonly invoice: Invoice;
  readonly requestHash?: string;
}

export interface InvoiceQuery {
  readonly reseller: string;
  readonly customer?: string;
  /** Inclusive bounds on the invoice date, ISO instants. */
  readonly from?: string;
  readonly to?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface InvoiceInputs {
  /** The customer's reseller, read with the rest when the customer is (its invoice numbering). */
  readonly reseller?: Reseller;
  readonly customer?: Customer;
  readonly products: Map<string, Product>;
  readonly currentItems: Map<string, CurrentItem>;
}

type ItemRef = Pick<CurrentItem, 'id' | 'reseller' | 'customer'>;

export interface PeriodInvoiceWrite {
  readonly invoice: Invoice;
  readonly consumedItems: readonly ItemRef[];
  /** The reseller's series number the invoice takes, as NewInvoiceWrite's. */
  readonly seriesNumber?: number;
}

/** `created` by this call, or `existed` already (an earlier run of the close wrote it). */
export type PeriodInvoiceOutcome = 'created' | 'existed';

/** A period invoice that claimed items and was never written (its close died in between). */
export interface UnfinishedClaim {
  readonly invoiceId: string;
  readonly items: number;
}
