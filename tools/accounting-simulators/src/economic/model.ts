/**
 * What an e-conomic agreement holds in the simulator: its master data as records (numbers, not
 * links), rendered into e-conomic's read shapes (with `self` links on the simulator's own base
 * URL) when read. A record's optional boolean that is false is left out when rendered, as
 * e-conomic does ("a false boolean is omitted from the response body", RD "Booleans").
 */
export const paymentTermsTypes = [
  'net',
  'invoiceMonth',
  'paidInCash',
  'prepaid',
  'dueDate',
  'factoring',
  'invoiceWeekStartingSunday',
  'invoiceWeekStartingMonday',
  'creditcard',
] as const;
export type PaymentTermsType = (typeof paymentTermsTypes)[number];

export interface VatZoneRecord {
  readonly vatZoneNumber: number;
  readonly name: string;
  readonly enabledForCustomer?: boolean;
  readonly enabledForSupplier?: boolean;
  /** Simulator only (never rendered): the VAT rate in percent applied to drafts for this zone. */
  readonly vatRate: number;
}

export interface PaymentTermsRecord {
  readonly paymentTermsNumber: number;
  readonly name: string;
  readonly paymentTermsType: PaymentTermsType;
  readonly daysOfCredit?: number;
  readonly description?: string;
}

export interface LayoutRecord {
  readonly layoutNumber: number;
  readonly name: string;
  readonly deleted?: boolean;
}

export interface CustomerGroupRecord {
  readonly customerGroupNumber: number;
  readonly name: string;
  readonly layout?: { readonly layoutNumber: number };
  readonly account?: { readonly accountNumber: number };
}

export interface UnitRecord {
  readonly unitNumber: number;
  readonly name: string;
}

export interface ProductGroupRecord {
  readonly productGroupNumber: number;
  readonly name: string;
  /** VAT zone number → the sales account a line of the group is booked on in that zone (docs/contracts/booking-and-vat.md Q1). */
  readonly salesAccounts?: Readonly<Record<number, number>>;
}

/** An account of the chart (only what sales VAT needs): a sales account names the VAT code its sales carry, or none. */
export interface AccountRecord {
  readonly accountNumber: number;
  readonly name: string;
  readonly vatCode?: string;
}

/** A VAT account (GET /vat-accounts): its code and rate. */
export interface VatAccountRecord {
  readonly vatCode: string;
  readonly name: string;
  readonly ratePercentage: number;
}

export interface ProductRecord {
  readonly productNumber: string;
  readonly name: string;
  readonly description?: string;
  readonly salesPrice?: number;
  readonly costPrice?: number;
  readonly recommendedPrice?: number;
  readonly barCode?: string;
  readonly barred?: boolean;
  readonly unit?: { readonly unitNumber: number };
  readonly productGroup: { readonly productGroupNumber: number };
  readonly lastUpdated?: string;
}

export const customerStringFields = [
  'address',
  'zip',
  'city',
  'country',
  'ean',
  'email',
  'corporateIdentificationNumber',
  'pNumber',
  'vatNumber',
  'mobilePhone',
  'telephoneAndFaxNumber',
  'website',
  'publicEntryNumber',
] as const;

export interface CustomerRecord extends Partial<Record<(typeof customerStringFields)[number], string>> {
  readonly customerNumber: number;
  readonly name: string;
  readonly currency: string;
  readonly customerGroup: { readonly customerGroupNumber: number };
  readonly paymentTerms: { readonly paymentTermsNumber: number };
  readonly vatZone: { readonly vatZoneNumber: number };
  readonly layout?: { readonly layoutNumber: number };
  readonly attention?: { readonly customerContactNumber: number };
  readonly salesPerson?: { readonly employeeNumber: number };
  readonly barred?: boolean;
  readonly eInvoicingDisabledByDefault?: boolean;
  readonly creditLimit?: number;
  readonly lastUpdated?: string;
}

/** A stored draft order: its document as read, without links (added by `renderDraft`). */
export interface DraftRecord {
  readonly orderNumber: number;
  readonly document: DraftDocument;
}

export interface DraftLine {
  readonly lineNumber: number;
  readonly sortKey: number;
  readonly description?: string;
  readonly accrual?: { readonly startDate?: string; readonly endDate?: string };
  readonly unit?: { readonly unitNumber: number; readonly name: string };
  readonly product?: { readonly productNumber: string };
  readonly quantity?: number;
  readonly unitNetPrice?: number;
  readonly discountPercentage?: number;
  readonly unitCostPrice?: number;
  readonly totalNetAmount: number;
  readonly marginInBaseCurrency: number;
  readonly marginPercentage: number;
  readonly departmentalDistribution?: { readonly departmentalDistributionNumber: number };
}

export interface DraftDocument {
  readonly orderNumber: number;
  readonly date: string;
  readonly currency: string;
  readonly exchangeRate: number;
  readonly netAmount: number;
  readonly netAmountInBaseCurrency: number;
  readonly grossAmount: number;
  readonly grossAmountInBaseCurrency: number;
  readonly marginInBaseCurrency: number;
  readonly marginPercentage: number;
  readonly vatAmount: number;
  readonly roundingAmount: number;
  readonly costPriceInBaseCurrency: number;
  readonly dueDate?: string;
  readonly paymentTerms: {
    readonly paymentTermsNumber: number;
    readonly daysOfCredit?: number;
    readonly name: string;
    readonly paymentTermsType: PaymentTermsType;
  };
  readonly customer: { readonly customerNumber: number };
  readonly recipient: Record<string, unknown> & {
    readonly name: string;
    readonly vatZone: { readonly vatZoneNumber: number };
    readonly attention?: { readonly customerContactNumber: number };
  };
  readonly deliveryLocation?: { readonly deliveryLocationNumber: number };
  readonly delivery?: Record<string, string>;
  readonly notes?: Record<string, string>;
  readonly references?: {
    readonly other?: string;
    readonly customerContact?: { readonly customerContactNumber: number };
    readonly salesPerson?: { readonly employeeNumber: number };
    readonly vendorReference?: { readonly employeeNumber: number };
  };
  readonly project?: { readonly projectNumber: number };
  readonly layout: { readonly layoutNumber: number };
  readonly lastUpdated: string;
  readonly lines: readonly DraftLine[];
}

/** A booked invoice: the draft's document as it was booked, its number, the order it came from, what is left to pay. */
export interface BookedInvoiceRecord {
  readonly bookedInvoiceNumber: number;
  readonly orderNumber: number;
  readonly document: DraftDocument;
  readonly remainder: number;
}

/** Everything one agreement holds. */
export class AgreementData {
  public readonly vatZones = new Map<number, VatZoneRecord>();
  public readonly paymentTerms = new Map<number, PaymentTermsRecord>();
  public readonly layouts = new Map<number, LayoutRecord>();
  public readonly customerGroups = new Map<number, CustomerGroupRecord>();
  public readonly units = new Map<number, UnitRecord>();
  public readonly productGroups = new Map<number, ProductGroupRecord>();
  public readonly accounts = new Map<number, AccountRecord>();
  public readonly vatAccounts = new Map<string, VatAccountRecord>();
  public readonly products = new Map<string, ProductRecord>();
  public readonly customers = new Map<number, CustomerRecord>();
  public readonly drafts = new Map<number, DraftRecord>();
  public readonly bookedInvoices = new Map<number, BookedInvoiceRecord>();

  /** Numbers are reused: the next draft gets the highest number in use plus one (contract §4). */
  public nextOrderNumber(): number {
    let highest = 0;
    for (const number of this.drafts.keys()) highest = Math.max(highest, number);
    return highest + 1;
  }
}

/**
 * The master data a fresh e-conomic agreement comes with, so that a test only has to preload its
 * customers and products: the four standard VAT zones, a few payment terms, one layout, one
 * customer group, units and a product group.
 */
export const freshAgreementData = (): AgreementData => {
  const data = new AgreementData();
  const zones: VatZoneRecord[] = [
    { vatZoneNumber: 1, name: 'Domestic', enabledForCustomer: true, enabledForSupplier: true, vatRate: 25 },
    { vatZoneNumber: 2, name: 'EU', enabledForCustomer: true, enabledForSupplier: true, vatRate: 0 },
    { vatZoneNumber: 3, name: 'Abroad', enabledForCustomer: true, enabledForSupplier: true, vatRate: 0 },
    {
      vatZoneNumber: 4,
      name: 'Domestic exempt',
      enabledForCustomer: true,
      enabledForSupplier: true,
      vatRate: 0,
    },
  ];
  for (const zone of zones) data.vatZones.set(zone.vatZoneNumber, zone);
  const terms: PaymentTermsRecord[] = [
    { paymentTermsNumber: 1, name: 'Netto 8 dage', paymentTermsType: 'net', daysOfCredit: 8 },
    {
      paymentTermsNumber: 2,
      name: 'Løbende måned 30 dage',
      paymentTermsType: 'invoiceMonth',
      daysOfCredit: 30,
    },
    { paymentTermsNumber: 3, name: 'Kontant', paymentTermsType: 'paidInCash', daysOfCredit: 0 },
    { paymentTermsNumber: 4, name: 'Forfaldsdato', paymentTermsType: 'dueDate' },
  ];
  for (const term of terms) data.paymentTerms.set(term.paymentTermsNumber, term);
  data.layouts.set(19, { layoutNumber: 19, name: 'Standard' });
  data.customerGroups.set(1, {
    customerGroupNumber: 1,
    name: 'Indenlandske kunder',
    layout: { layoutNumber: 19 },
  });
  data.units.set(1, { unitNumber: 1, name: 'stk.' });
  data.units.set(2, { unitNumber: 2, name: 'timer' });
  // Sales VAT as a Danish agreement is set up: 25 % at home, none to the EU, abroad or a VAT-exempt
  // recipient; and a group of VAT-free products (fees, postage) whose sales carry no VAT anywhere.
  data.vatAccounts.set('U25', { vatCode: 'U25', name: 'Salgsmoms 25 %', ratePercentage: 25 });
  for (const account of [
    { accountNumber: 1010, name: 'Salg af varer/ydelser m/moms', vatCode: 'U25' },
    { accountNumber: 1020, name: 'Salg af varer/ydelser til EU' },
    { accountNumber: 1030, name: 'Salg af varer/ydelser til udlandet' },
    { accountNumber: 1040, name: 'Salg af varer/ydelser u/moms' },
  ])
    data.accounts.set(account.accountNumber, account);
  data.productGroups.set(1, {
    productGroupNumber: 1,
    name: 'Varer m/moms',
    salesAccounts: { 1: 1010, 2: 1020, 3: 1030, 4: 1040 },
  });
  data.productGroups.set(2, {
    productGroupNumber: 2,
    name: 'Varer u/moms',
    salesAccounts: { 1: 1040, 2: 1020, 3: 1030, 4: 1040 },
  });
  return data;
};
