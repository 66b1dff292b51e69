/**
 * The store as the export and integration use cases use it: each interface names the functions of one repository
 * (#wiring/store) with the store's own names and signatures, so that the wiring objects fit as
 * they are and a test can hand in an in-memory one.
 */

import type {
  AutoExportOutcome,
  CloseOutcome,
  ExportableInvoiceHeader,
  ExportBatch,
  ExportMark,
  ExportRecord,
  ExportSystem,
  StoredCredentials,
  StoredInvoice,
} from '#app/ports/store';
import type { Customer } from '#domain/customer';
import type { ExportJob, ExportStatus, LedgerEntry } from '#domain/export-job';
import type { AccountingSystemName, IntegrationOwner, IntegrationSettings } from '#domain/integration';
import type { Reseller } from '#domain/reseller';

export type JobChanges = Partial<ExportJob> & { status: ExportStatus };

export interface ExportJobStore {
  createExportJob(job: ExportJob, batches: readonly (readonly string[])[]): Promise<void>;
  getExportJob(reseller: string, id: string): Promise<ExportJob | undefined>;
  updateExportJob(
    job: Pick<ExportJob, 'reseller' | 'id'>,
    from: readonly ExportStatus[],
    changes: JobChanges,
  ): Promise<boolean>;
  finishExportJob(job: ExportJob, from: readonly ExportStatus[], changes: JobChanges): Promise<boolean>;
}

export interface ExportLedgerStore {
  getExportBatch(reseller: string, id: string, index: number): Promise<ExportBatch | undefined>;
  getLedger(reseller: string, exportId: string): Promise<LedgerEntry[]>;
  /** Some invoices' entries, strongly consistent: a retried batch must see what the attempt before it recorded. */
  getLedgerEntries(
    reseller: string,
    exportId: string,
    invoices: readonly string[],
  ): Promise<Map<string, LedgerEntry>>;
  recordLedger(reseller: string, exportId: string, entry: LedgerEntry): Promise<void>;
  /** Entries written only while the job runs (with a check of its status); false, and no more written, once it does not. */
  recordLedgerEntriesWhileRunning(
    job: Pick<ExportJob, 'reseller' | 'id'>,
    entries: readonly LedgerEntry[],
  ): Promise<boolean>;
}

/** What the saga's batch step reads and writes (the wiring's exportSagaStore): no job creation, no sweeper, no status read. */
export type ExportSagaStore = Pick<ExportJobStore, 'getExportJob' | 'updateExportJob'> &
  Pick<
    ExportLedgerStore,
    'getExportBatch' | 'getLedgerEntries' | 'recordLedger' | 'recordLedgerEntriesWhileRunning'
  >;

export interface ExportReadStore {
  findExportTenant(id: string): Promise<string | undefined>;
  getExport(reseller: string, id: string): Promise<ExportRecord | undefined>;
}

export interface QueuedExportStore {
  queuedExportsWaitingSince(before: string, limit: number): Promise<ExportJob[]>;
  recordExportRequeue(job: ExportJob, at: string): Promise<boolean>;
}

export interface ResellerReader {
  getReseller(id: string): Promise<Reseller | undefined>;
}

export interface CustomerReader {
  getCustomer(reseller: string, id: string): Promise<Customer | undefined>;
}

export interface CustomersReader {
  /** The ones found, by id, in as few reads as the store allows. */
  getCustomers(reseller: string, ids: readonly string[]): Promise<Map<string, Customer>>;
}

export interface InvoiceHeaderReader {
  invoiceHeadersInPeriod(reseller: string, from: string, to: string): Promise<ExportableInvoiceHeader[]>;
}

export interface InvoiceReader {
  getInvoice(reseller: string, id: string): Promise<StoredInvoice | undefined>;
}

export interface InvoicesReader {
  /** The ones found, by id, whole (header and lines), in as few reads as the store allows. */
  getInvoices(reseller: string, ids: readonly string[]): Promise<Map<string, StoredInvoice>>;
}

export interface MarkWriteOptions {
  /**
   * false when no export-tracking system pulls the reseller's invoices under the mark's name, so no
   * pending item is there to take: a third fewer writes a mark. Default true. Should a system of
   * that name register meanwhile, a pending item written for a marked invoice is dropped (and
   * deleted) by export tracking's list, which reads each one's header.
   */
  readonly pulled?: boolean;
}

export interface MarkWriter {
  markExported(mark: ExportMark, options?: MarkWriteOptions): Promise<'marked' | 'already-marked'>;
}

export interface MarksWriter extends MarkWriter {
  /**
   * As many marks in one transaction as DynamoDB's 100 actions hold (33 pulled, 50 not);
   * MarksAlreadyWritten when one of them was (nothing written).
   */
  markExportedTogether(
    marks: readonly ExportMark[],
    options?: MarkWriteOptions,
  ): Promise<'marked' | 'already-marked'>;
}

/** Whether a system of that name pulls a reseller's invoices (export tracking's registry). */
export interface ExportSystemLookup {
  getExportSystem(reseller: string, system: string): Promise<ExportSystem | undefined>;
}

export interface IntegrationReader {
  getIntegration(
    owner: IntegrationOwner,
    system: AccountingSystemName,
  ): Promise<IntegrationSettings | undefined>;
}

export interface IntegrationWriter extends IntegrationReader {
  putIntegration(settings: IntegrationSettings): Promise<void>;
}

/** An integration's calls per day (Uniconta's daily allowance, #domain/uniconta-allowance). */
export interface AccountingCallCounter {
  /** Adds a step's calls to the day's count in one atomic write, and answers the day's count after it. */
  addAccountingCalls(
    owner: IntegrationOwner,
    system: AccountingSystemName,
    day: string,
    calls: number,
  ): Promise<number>;
}

export interface CredentialReader {
  loadCredentials(
    owner: IntegrationOwner,
    system: AccountingSystemName,
  ): Promise<StoredCredentials | undefined>;
}

export interface CredentialWriter extends CredentialReader {
  saveCredentials(
    owner: IntegrationOwner,
    system: AccountingSystemName,
    stored: StoredCredentials,
  ): Promise<void>;
}

export interface CloseOutcomeStore {
  putCloseOutcome(outcome: CloseOutcome): Promise<void>;
  markRefusalsNotified(
    outcome: Pick<CloseOutcome, 'month' | 'run' | 'reseller'>,
    at: string,
  ): Promise<boolean>;
}

export type { AutoExportOutcome, CloseOutcome };
