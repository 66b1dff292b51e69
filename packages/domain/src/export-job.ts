import { type AccountingSystemName, type IntegrationOwner, systemLabels } from './integration.ts';
import type { ProductVat } from './invoice/product-vat.ts';

/**
 * An export job: one request to put a reseller's invoices of a month into its accounting system
 * as draft orders. It moves queued → running → succeeded, or → compensating → failed (every draft
 * it made deleted again). Its ledger records each draft the moment it exists, so a crash at any
 * point can neither duplicate a draft nor leave one behind.
 */
export const exportStatuses = ['queued', 'running', 'succeeded', 'compensating', 'failed'] as const;
export type ExportStatus = (typeof exportStatuses)[number];

export interface ExportOptions {
  /** The first day of the invoices to export, YYYY-MM-DD; the export takes that day to the end of its month. */
  readonly invoiceDate: string;
  readonly invoicesToOmit: readonly string[];
  readonly groupInvoiceLines: boolean;
  /** e-conomic: one layout for every draft, instead of each customer's. */
  readonly layout?: number;
  /** The platform's invoices to the reseller, at wholesale, into the platform's own books. */
  readonly adminMode: boolean;
  /** Export the external-licence lines (their own document) instead of the invoice proper. */
  readonly externalLicenses: boolean;
}

export interface ExportJob {
  readonly id: string;
  readonly reseller: string;
  readonly system: AccountingSystemName;
  readonly status: ExportStatus;
  readonly options: ExportOptions;
  readonly requestedBy: { readonly userId: string; readonly email?: string };
  /** Invoices that matched, omitted ones included (the seed's `total`). */
  readonly total: number;
  /** Invoices accepted for export (total minus omitted). */
  readonly exported: number;
  readonly batchSize: number;
  readonly batchCount: number;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly failure?: { readonly reason: string; readonly invoice?: string };
  readonly compensation?: { readonly deleted: number; readonly alreadyGone: number };
  /**
   * How often its message was sent again because the job had not started (the sweeper,
   * functions/export/sweep-queued.ts), and when last; absent when the first message did it.
   */
  readonly requeued?: number;
  readonly requeuedAt?: string;
  /** When the outcome was e-mailed; a retried notification sends nothing twice. */
  readonly notifiedAt?: string;
}

export type LedgerState = 'creating' | 'created' | 'deleted' | 'already-gone';

/** One invoice's draft in the accounting system, as far as the export knows it. */
export interface LedgerEntry {
  readonly invoice: string;
  /** Our reference on the draft (e-conomic references.other, Uniconta YourRef). */
  readonly reference: string;
  readonly state: LedgerState;
  readonly draftNumber?: string;
  readonly at: string;
}

/** The reference a draft carries: unique per export and invoice, short enough for every system. */
export const draftReference = (exportId: string, invoice: string): string => `FK-${exportId}-${invoice}`;

/** The first and the last day (YYYY-MM-DD) an export of `invoiceDate` covers: that day to the end of its month. */
export const exportPeriod = (invoiceDate: string): { readonly from: string; readonly to: string } => {
  const [year, month] = invoiceDate.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: invoiceDate, to: `${invoiceDate.slice(0, 8)}${String(last).padStart(2, '0')}` };
};

/** Batches of invoice ids for the saga's Map; the definition's ArrayRange allows at most 1,000 of them. */
export const toBatches = <T>(items: readonly T[], batchSize: number): T[][] => {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += batchSize)
    batches.push(items.slice(start, start + batchSize));
  return batches;
};

/** Whose books an export goes to: the platform's (`adminMode`: its invoices to the reseller) or the reseller's. */
export const exportOwner = (reseller: string, adminMode: boolean): IntegrationOwner =>
  adminMode ? { kind: 'platform' } : { kind: 'reseller', reseller };

export const ownerOfJob = (job: Pick<ExportJob, 'reseller' | 'options'>): IntegrationOwner =>
  exportOwner(job.reseller, job.options.adminMode);

/**
 * Which of an invoice's two documents an export sends (seed 003): the invoice proper, or its
 * external-licence lines, billed for a third party. Each goes to the books on its own, so each has
 * its own mark: sending one says nothing about the other.
 */
export type ExportDocument = 'lines' | 'external-licenses';

export const exportDocument = (externalLicenses: boolean): ExportDocument =>
  externalLicenses ? 'external-licenses' : 'lines';

/** Where an export's drafts go and what they carry: the part of its options that decides its mark. */
export type ExportTarget = Pick<ExportOptions, 'adminMode' | 'externalLicenses'>;

/**
 * The key an export marks its invoices with (and reads to skip the ones exported before): the
 * platform's books are other books than the reseller's, in the same system, and the external-licence
 * document is another document than the invoice proper. The invoice proper into the reseller's books
 * is the bare system name, as every mark written before documents had marks of their own.
 */
export const exportMarkKey = (system: AccountingSystemName, target: ExportTarget): string =>
  [
    system,
    ...(target.adminMode ? ['platform'] : []),
    ...(exportDocument(target.externalLicenses) === 'external-licenses' ? ['external-licenses'] : []),
  ].join(':');

/** The platform bills the reseller at wholesale; a reseller bills its customer at its own price. */
export const exportPriceColumn = (adminMode: boolean): 'wholesale' | 'price' =>
  adminMode ? 'wholesale' : 'price';

/** Which books and document a target is, as a text after the system's name (" (platform)"); empty for the invoice proper. */
export const booksQualifier = (target: ExportTarget): string => {
  const qualifiers = [
    ...(target.adminMode ? ['platform'] : []),
    ...(target.externalLicenses ? ['external licences'] : []),
  ];
  return qualifiers.length > 0 ? ` (${qualifiers.join(', ')})` : '';
};

/** The invoice the customer gets, in the reseller's own books: the one bill whose booking numbers the invoice. */
export const isInvoiceProper = (target: ExportTarget): boolean =>
  !target.adminMode && !target.externalLicenses;

/** The marks of the bills that go into one owner's books in a system: the invoice proper (or the platform's bill) and the external-licence document. */
export const marksInBooks = (
  system: AccountingSystemName,
  adminMode: boolean,
): readonly { readonly markKey: string; readonly target: ExportTarget }[] =>
  [false, true].map((externalLicenses) => {
    const target = { adminMode, externalLicenses };
    return { markKey: exportMarkKey(system, target), target };
  });

/** The line an exported invoice's timeline gets: which books, which document, which draft. */
export const exportedEvent = (
  system: AccountingSystemName,
  target: ExportTarget,
  draftNumber: string | undefined,
): string =>
  `exported to ${systemLabels[system]}${booksQualifier(target)} as draft ${draftNumber ?? ''}`.trim();

/** The product codes an export sends of an invoice: its external-licence lines, or the invoice proper. */
export const exportedProductCodes = (
  invoice: {
    readonly productCodes: readonly string[];
    readonly externalLicenseProductCodes: readonly string[];
  },
  externalLicenses: boolean,
): readonly string[] => (externalLicenses ? invoice.externalLicenseProductCodes : invoice.productCodes) ?? [];

/** What the export's VAT check needs of a header: the exported document's products with and without VAT, when kept. */
export const exportedProductVat = (
  invoice: { readonly productVat?: ProductVat; readonly externalLicenseProductVat?: ProductVat },
  externalLicenses: boolean,
): { productVat?: ProductVat } => {
  const productVat = externalLicenses ? invoice.externalLicenseProductVat : invoice.productVat;
  return productVat ? { productVat } : {};
};

/** An invoice is exportable when it has lines of the kind the export sends; an empty document is not made. */
export const hasExportableLines = (
  invoice: {
    readonly productCodes: readonly string[];
    readonly externalLicenseProductCodes: readonly string[];
  },
  externalLicenses: boolean,
): boolean => exportedProductCodes(invoice, externalLicenses).length > 0;

/**
 * Batches few enough (<= 90) to record with the job in one transaction, and of at least 100
 * invoices: each batch costs its saga steps a few DynamoDB round trips of its own (the job, the
 * batch, its ledger), which smaller batches would spread over too few invoices. A retried batch
 * skips what its ledger shows made, so a large batch is not redone.
 */
export const exportBatchSize = (count: number): number => Math.max(100, Math.ceil(count / 90));

/** The month an export covers, as its messages name it: YYYY-MM. */
export const exportMonth = (invoiceDate: string): string => invoiceDate.slice(0, 7);
