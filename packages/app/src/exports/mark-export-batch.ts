/**
 * Export saga, once every batch has made its drafts: one batch's invoices get their export mark
 * for the books (the same marks the export-tracking API reads) and a line in their timeline. The
 * saga maps this over the export's batches, so no single invocation has to mark a 20,000-invoice
 * export, and a retry of one batch redoes only that batch.
 *
 * Why marks are written 33 to a transaction (as many as DynamoDB's 100 writes hold): one round trip per 33 invoices instead of one
 * each (an export's DynamoDB round trips per invoice are held to 0.3, docs/performance.md).
 * Why a retry is safe: a mark written again with the same time is recognised as written
 * (MarksAlreadyWritten for a group, then each of its marks on its own), so nothing is marked or
 * put on a timeline twice.
 */

import type { ExportJobStore, ExportLedgerStore, MarksWriter } from '#app/ports/export-store';
import { type ExportMark, MarksAlreadyWritten } from '#app/ports/store';
import {
  type ExportJob,
  exportedEvent,
  exportMarkKey,
  type LedgerEntry,
  toBatches,
} from '#domain/export-job';
import { forEachBounded } from '../bounded.ts';
import { type BatchInput, requireBatch, requireJob } from './saga.ts';

/** Marks in one transaction: three writes each (header, mark with its timeline history, pending item), 99 of DynamoDB's 100. */
export const marksPerTransaction = 33;

/** Transactions in flight at once: a batch of a few hundred invoices marked in a few seconds. */
const transactionsInFlight = 4;

export interface MarkExportBatchPorts {
  readonly exports: Pick<ExportJobStore, 'getExportJob'> &
    Pick<ExportLedgerStore, 'getExportBatch' | 'getLedgerEntries'>;
  readonly marks: MarksWriter;
}

/** The mark an invoice's created draft gives it. */
const markOf = (job: ExportJob, entry: LedgerEntry): ExportMark => ({
  reseller: job.reseller,
  invoice: entry.invoice,
  system: exportMarkKey(job.system, job.options),
  at: entry.at,
  exportId: job.id,
  ...(entry.draftNumber ? { draftNumber: entry.draftNumber } : {}),
  ...(job.requestedBy.email ? { by: job.requestedBy.email } : {}),
  event: exportedEvent(job.system, job.options, entry.draftNumber),
});

export const markExportBatch = async (
  { exports, marks }: MarkExportBatchPorts,
  input: BatchInput,
): Promise<{ marked: number }> => {
  const job = await requireJob(exports, input);
  const batch = await requireBatch(exports, job, input.batch);
  const entries = await exports.getLedgerEntries(job.reseller, job.id, batch.invoices);
  const created = batch.invoices
    .map((invoice) => entries.get(invoice))
    .filter((entry): entry is LedgerEntry => entry?.state === 'created')
    .map((entry) => markOf(job, entry));
  await forEachBounded(toBatches(created, marksPerTransaction), transactionsInFlight, async (group) => {
    try {
      await marks.markExportedTogether(group);
    } catch (error) {
      if (!(error instanceof MarksAlreadyWritten)) throw error;
      for (const mark of group) await marks.markExported(mark);
    }
  });
  return { marked: created.length };
};
