/**
 * Export saga, once every batch has made its drafts: one batch's invoices get their export mark
 * for the books (the same marks the export-tracking API reads) and a line in their timeline. The
 * saga maps this over the export's batches, so no single invocation has to mark a 20,000-invoice
 * export, and a retry of one batch redoes only that batch.
 *
 * Why marks are written as many to a transaction as DynamoDB's 100 actions hold: one round trip per
 * 33 or 50 invoices instead of one each (an export's DynamoDB round trips per invoice are held to
 * 0.3, docs/performance.md). Why 50 when no export-tracking system of the mark's name pulls the
 * reseller's invoices: there is then no pending item to take, so a mark is two writes, not three
 * (one registry read a batch tells, beside its ledger read; MarkWriteOptions says why a registration
 * meanwhile is safe).
 * Why a retry is safe: a mark written again with the same time is recognised as written
 * (MarksAlreadyWritten for a group, then each of its marks on its own), so nothing is marked or
 * put on a timeline twice.
 */

import type {
  ExportJobStore,
  ExportLedgerStore,
  ExportSystemLookup,
  MarksWriter,
} from '#app/ports/export-store';
import { type ExportMark, MarksAlreadyWritten } from '#app/ports/store';
import {
  type ExportJob,
  exportedEvent,
  exportMarkKey,
  type LedgerEntry,
  toBatches,
} from '#domain/export-job';
import { forEachBounded } from '../bounded.ts';
import { type BatchInput, requireJobAndBatch } from './saga.ts';

/**
 * Marks in one transaction: three writes each (header, mark with its timeline history, pending
 * item) when a system pulls under the mark's name, 99 of DynamoDB's 100; else two each.
 */
export const marksPerTransaction = { pulled: 33, notPulled: 50 } as const;

/** Transactions in flight at once: a batch of a few hundred invoices marked in a few seconds. */
const transactionsInFlight = 4;

export interface MarkExportBatchPorts {
  readonly exports: Pick<ExportJobStore, 'getExportJob'> &
    Pick<ExportLedgerStore, 'getExportBatch' | 'getLedgerEntries'>;
  readonly marks: MarksWriter;
  readonly exportSystems: ExportSystemLookup;
}

/** The mark an invoice's created draft gives it, under the export's mark name (`markedAs`). */
const markOf = (job: ExportJob, markedAs: string, entry: LedgerEntry): ExportMark => ({
  reseller: job.reseller,
  invoice: entry.invoice,
  system: markedAs,
  at: entry.at,
  exportId: job.id,
  ...(entry.draftNumber ? { draftNumber: entry.draftNumber } : {}),
  ...(job.requestedBy.email ? { by: job.requestedBy.email } : {}),
  event: exportedEvent(job.system, job.options, entry.draftNumber),
});

export const markExportBatch = async (
  { exports, marks, exportSystems }: MarkExportBatchPorts,
  input: BatchInput,
): Promise<{ marked: number }> => {
  const { job, batch } = await requireJobAndBatch(exports, input);
  const markedAs = exportMarkKey(job.system, job.options);
  // Side by side: the export's end waits on every batch's reads before its marks.
  const [entries, pulled] = await Promise.all([
    exports.getLedgerEntries(job.reseller, job.id, batch.invoices),
    exportSystems.getExportSystem(job.reseller, markedAs).then((system) => system !== undefined),
  ]);
  const created = batch.invoices
    .map((invoice) => entries.get(invoice))
    .filter((entry): entry is LedgerEntry => entry?.state === 'created')
    .map((entry) => markOf(job, markedAs, entry));
  if (created.length === 0) return { marked: 0 };
  const perTransaction = pulled ? marksPerTransaction.pulled : marksPerTransaction.notPulled;
  await forEachBounded(toBatches(created, perTransaction), transactionsInFlight, async (group) => {
    try {
      await marks.markExportedTogether(group, { pulled });
    } catch (error) {
      if (!(error instanceof MarksAlreadyWritten)) throw error;
      for (const mark of group) await marks.markExported(mark, { pulled });
    }
  });
  return { marked: created.length };
};
