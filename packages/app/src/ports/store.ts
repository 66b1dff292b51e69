/**
 * The records and errors of the store that use cases see. The use cases' own store ports (the
 * functions each needs) are declared beside them; the store implements them.
 */
export type { StoredCredentials } from '#store/accounting-credentials';
export { InvalidCursorError } from '#store/cursor';
export type { DirectoryEntry, DirectoryKind } from '#store/directory';
export { type ExportSystem, ExportSystemLimitReached } from '#store/export-systems';
export type { UnexportedQuery } from '#store/export-tracking';
export { type ExportedTo, type ExportSummary, exportSummaryOf } from '#store/exported-to';
export { ExportAlreadyRunning, type ExportBatch, type ExportRecord } from '#store/exports';
export {
  IdempotencyKeyTaken,
  type IdempotencyRecord,
  type IdempotencyScope,
  type Remember,
  type RememberedAnswer,
} from '#store/idempotency';
/** How many current items one invoice can take: the rest of its one transaction needs the room. */
export {
  type ExportableInvoiceHeader,
  type InvoiceHeader,
  type InvoiceInputs,
  type InvoiceQuery,
  InvoiceTooLarge,
  InvoiceWriteConflict,
  maxConsumedItemsPerInvoice,
  type NewInvoiceWrite,
  type StoredInvoice,
} from '#store/invoices';
export { type ExportMark, InvoiceGone } from '#store/marks';
export type { AutoExportOutcome, CloseOutcome, CloseTally } from '#store/monthly-close';
export type { PeriodInvoiceOutcome, PeriodInvoiceWrite, UnfinishedClaim } from '#store/period-invoices';
export { type Page, ResellerExistsError } from '#store/resellers';
