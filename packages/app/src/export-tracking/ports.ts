/**
 * The store as export tracking's use cases see it: each port names the functions of one repository
 * (#wiring/store), with the store's own names and signatures.
 */
import type {
  ExportableInvoiceHeader,
  ExportMark,
  ExportSystem,
  InvoiceHeader,
  StoredInvoice,
  UnexportedQuery,
} from '#app/ports/store';

export interface ExportSystemStore {
  listExportSystems(reseller: string): Promise<ExportSystem[]>;
  registerExportSystem(reseller: string, system: string, now?: Date): Promise<ExportSystem>;
  retireExportSystem(reseller: string, system: string): Promise<boolean>;
}

export interface ExportTrackingStore {
  /** `after[i]` is the cursor that goes on after `invoices[i]`. */
  listUnexported(
    query: UnexportedQuery,
  ): Promise<{ invoices: ExportableInvoiceHeader[]; after: string[]; cursor?: string }>;
}

export interface InvoiceStore {
  getInvoice(reseller: string, id: string): Promise<StoredInvoice | undefined>;
  /** The headers of several invoices, each in its tenant, in one batched read; the missing are absent. */
  getInvoiceHeaders(
    invoices: readonly { readonly reseller: string; readonly id: string }[],
  ): Promise<InvoiceHeader[]>;
}

export interface MarkStore {
  markExportedTogether(given: readonly ExportMark[]): Promise<'marked' | 'already-marked'>;
}
