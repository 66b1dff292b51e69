/**
 * The one port through which Faktura talks to a reseller's accounting system. The use cases know
 * only this; the e-conomic and Uniconta adapters (packages/accounting) speak the systems' real HTTP
 * contracts behind it.
 *
 * Every method may throw one of the errors of packages/domain/src/accounting-failures.ts (the
 * adapters throw them); nothing else is part of the contract.
 */
import type { AccountingHostsConfig } from '#domain/accounting-hosts';
import type { BookingsSeen } from '#domain/booking-sync';
import type { DraftTotals } from '#domain/draft-totals';
import type { AccountingSystemName, Credentials, IntegrationSettings } from '#domain/integration';
import type { Invoice } from '#domain/invoice/model';
import type { PaymentTerms } from '#domain/payment-terms';

export type AccountingSystem = AccountingSystemName;

/** A customer as the accounting system knows it; `number` is what Faktura stores as finance.accountingSystemId. */
export interface AccountingCustomer {
  readonly number: string;
  readonly name: string;
  readonly barred: boolean;
  /** e-conomic: the layout the customer's drafts use (customer → customer group → default), if any. */
  readonly layoutNumber?: number;
  /** e-conomic: what a draft order needs from its customer. */
  readonly paymentTermsNumber?: number;
  /** e-conomic: those terms as the agreement lists them (GET /payment-terms), when they are listed and read. */
  readonly paymentTerms?: PaymentTerms;
  readonly vatZoneNumber?: number;
  readonly currency?: string;
  readonly address?: string;
  readonly zip?: string;
  readonly city?: string;
  readonly country?: string;
  /** e-conomic: the customer's EAN (public-sector e-invoicing), for the draft's recipient. */
  readonly ean?: string;
}

/** A product as the accounting system knows it; `number` matches Faktura's productCode. */
export interface AccountingProduct {
  readonly number: string;
  readonly name: string;
  readonly barred: boolean;
  /**
   * e-conomic: the VAT rate in percent a line of this product carries, by the recipient's VAT zone
   * number (product group → sales account of the zone → VAT account). A zone missing here is one
   * whose VAT could not be read; the draft's answer is still checked.
   */
  readonly vatRates?: ReadonlyMap<number, number>;
}

/** Everything the accounting system's master data holds that an export needs, read in pages once per run. */
export interface MasterData {
  readonly customers: ReadonlyMap<string, AccountingCustomer>;
  readonly products: ReadonlyMap<string, AccountingProduct>;
  /** e-conomic: the agreement's configured default layout, when the customer and its group have none. */
  readonly defaultLayoutNumber?: number;
  /** e-conomic: the layouts a draft may name (listed, and not deleted); absent for a system without layouts. */
  readonly layouts?: ReadonlySet<number>;
}

export interface DraftLine {
  readonly productNumber: string;
  readonly description: string;
  /** At most 2 decimals on e-conomic; the adapter refuses (never rounds silently) anything finer. */
  readonly quantity: number;
  readonly unitNetPrice: number;
  /** The invoice line is VAT-exempt: Uniconta sends the integration's exempt VAT code; e-conomic decides by the product (checked before the export). */
  readonly vatExempt: boolean;
}

export interface DraftOrder {
  /** Our reference (the invoice id, prefixed per export): e-conomic references.other, Uniconta YourRef. */
  readonly reference: string;
  readonly customerNumber: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly dueDate?: string;
  readonly heading: string;
  readonly currency: 'DKK';
  /** e-conomic only: the layout for this draft (resolved before, from settings or master data). */
  readonly layoutNumber?: number;
  readonly lines: readonly DraftLine[];
  /** What the invoice says the draft must carry (net, VAT, gross), for the column and document exported. */
  readonly totals: DraftTotals;
}

/** A draft that exists in the accounting system. */
export interface Draft {
  readonly number: string;
  readonly reference: string;
}

/** A draft as the accounting system answered it: with the amounts it decided (VAT by its own rule). */
export interface CreatedDraft extends Draft {
  readonly totals: DraftTotals;
}

export type DeleteOutcome = 'deleted' | 'already-gone';

export interface CreateDraftOptions {
  /**
   * true: the caller knows that no earlier call with this idempotency key can have reached the
   * accounting system (its ledger records no attempt), so the adapter creates at once. Omitted or
   * false: the adapter first looks for a draft carrying the order's reference and returns it if
   * there is one; only that makes a retry safe on Uniconta (no idempotency key) and on e-conomic
   * after its idempotency window (one hour). The lookup costs one call.
   */
  readonly firstAttempt?: boolean;
}

export interface AccountingPort {
  readonly system: AccountingSystem;
  /** A cheap authenticated call (e-conomic GET /self, a Uniconta read): throws AccountingAuthFailed if the credentials do not work. */
  verifyCredentials(): Promise<void>;
  /** Customers and products, read in pages (never one call per invoice). */
  loadMasterData(): Promise<MasterData>;
  /**
   * Creates one draft order with all its lines. `idempotencyKey` makes a retry after a lost
   * response return the same draft instead of a second one. The answer carries the draft's amounts
   * as the accounting system decided them (also for a draft found again), so that the export can
   * check them against the invoice.
   */
  createDraft(order: DraftOrder, idempotencyKey: string, options?: CreateDraftOptions): Promise<CreatedDraft>;
  /**
   * Reads ahead, in as few calls as the system allows, the customers drafts are about to be made
   * for, so that each draft does not read its own (a month's invoices are mostly one per
   * customer). Absent where the master data read once already holds every customer (Uniconta).
   */
  prepareCustomers?(customerNumbers: readonly string[]): Promise<void>;
  /** The draft carrying our reference, if one exists (after a create whose outcome is unknown). */
  findDraftByReference(reference: string): Promise<Draft | undefined>;
  /**
   * Deletes a draft, but only if it still carries our reference (numbers are reused by the
   * accounting systems); a draft that is gone, or now belongs to someone else, is 'already-gone'.
   */
  deleteDraft(draft: Draft, idempotencyKey: string): Promise<DeleteOutcome>;
  /**
   * The HTTP calls made since this was last asked (retries included), each told once whoever
   * asks, so that steps sharing an adapter never count a call twice. Present where the system
   * limits calls per day (Uniconta: #domain/uniconta-allowance).
   */
  callsNotYetCounted?(): number;
  /**
   * What became of drafts: the references of the drafts (orders) still there, and the invoices
   * booked (posted) since `since` (YYYY-MM-DD) with their number, our reference, their order and
   * whether they are paid (#domain/booking-sync). A few paged reads, whatever the number of drafts.
   */
  readBookings(since: string): Promise<BookingsSeen>;
  /**
   * Uniconta: the rate in percent of one of the company's VAT codes, undefined if it has no such
   * code (one call). Checks the exempt VAT code an integration is saved with.
   */
  vatCodeRate?(code: string): Promise<number | undefined>;
}

/**
 * What accepting an export and connecting an integration ask of the accounting system: whether the
 * credentials work, its master data and VAT codes, the calls made. No drafts: the functions that
 * only check (the export request, the monthly close's automatic export, the settings) bundle
 * none of the draft code (packages/accounting/src/create-reader.ts).
 */
export type AccountingReader = Pick<
  AccountingPort,
  'system' | 'verifyCredentials' | 'loadMasterData' | 'callsNotYetCounted' | 'vatCodeRate'
>;

/** What an adapter takes from its integration's settings. */
export type AdapterSettings = Pick<
  IntegrationSettings,
  'defaultLayoutNumber' | 'defaultDaysOfCredit' | 'exemptVatCode'
>;

/**
 * Opens an accounting system: the adapters (or only their readers, `AccountingSystems<AccountingReader>`),
 * and where the deployment lets each system live (packages/domain/src/accounting-hosts.ts). Opening
 * calls nothing: the first call is the use case's.
 */
export interface AccountingSystems<Port extends AccountingReader = AccountingPort> {
  hostsOf(system: AccountingSystemName): AccountingHostsConfig;
  open(
    system: AccountingSystemName,
    baseUrl: string,
    credentials: Credentials,
    /** The integration's settings the adapter works by (#domain/integration). */
    settings?: AdapterSettings,
  ): Port;
}

/** How an export makes a draft order of one invoice (packages/accounting/src/mapping.ts). */
export interface DraftOrderOptions {
  readonly reference: string;
  readonly customerNumber: string;
  readonly priceColumn: 'price' | 'wholesale';
  readonly groupInvoiceLines: boolean;
  readonly externalLicenses: boolean;
  readonly layoutNumber?: number;
}

export type DraftOrderOf = (invoice: Invoice, options: DraftOrderOptions) => DraftOrder;
