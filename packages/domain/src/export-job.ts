import type { AccountingSystemName } from './integration.ts';

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
