import type { ExportJob, LedgerEntry } from '#domain/export-job';
import type { ExportableInvoiceHeader } from './invoices.ts';

export class ExportAlreadyRunning extends Error {
  public override readonly name = 'ExportAlreadyRunning';
  public constructor(public readonly runningExport?: string) {
    super(`An export is already running${runningExport ? `: ${runningExport}` : ''}`);
  }
}

/** The invoices of one batch: ids only, snapshotted when the export was accepted. */
export interface ExportBatch {
  readonly index: number;
  readonly invoices: readonly string[];
}

export interface ExportRecord {
  readonly job: ExportJob;
  readonly ledger: readonly LedgerEntry[];
  readonly batchCount: number;
}

/** A system that pulls a reseller's invoices through export tracking. */
export interface ExportSystem {
  readonly name: string;
  /** Which registration this is: what a retired system left behind is never read by the same name registered again. */
  readonly generation: string;
  readonly registeredAt: string;
  /** The last feed position (`<createdAt>#<invoice>`) whose invoice has its pending item, or the feed's start. */
  readonly frontier: string;
}

export class ExportSystemLimitReached extends Error {
  public override readonly name = 'ExportSystemLimitReached';
}

/** A page of the invoices a system has not taken yet (see the store's export-tracking.ts). */
export interface UnexportedQuery {
  readonly reseller: string;
  readonly system: ExportSystem;
  /** Also the invoices the system took before this time (ISO, UTC). */
  readonly notExportedSince?: string;
  readonly accept: (header: ExportableInvoiceHeader) => boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * That an invoice has gone to a system: the mark (its latest time, earlier ones kept as history),
 * the header's summary and a timeline entry, written together.
 */
export interface ExportMark {
  readonly reseller: string;
  readonly invoice: string;
  /** An accounting export's mark (#domain/export-job exportMarkKey: `economic`, `economic:platform`, `economic:external-licenses`, …), or another system's own id. */
  readonly system: string;
  readonly at: string;
  readonly by?: string;
  readonly exportId?: string;
  readonly draftNumber?: string;
  readonly note?: string;
  /** The timeline's word for it. */
  readonly event: string;
}

export class InvoiceGone extends Error {
  public override readonly name = 'InvoiceGone';
}

/**
 * Several marks written together were refused because one of them was already written with the
 * same time: a retried step. Nothing of the call was written; each mark may be written on its own.
 */
export class MarksAlreadyWritten extends Error {
  public override readonly name = 'MarksAlreadyWritten';
}
