/**
 * Where an export stands — queued, running, succeeded, or failed and compensated — with its
 * counts, each invoice's draft and the reason for a failure. A RESELLER reads its own exports
 * only; an ADMIN any, found by id.
 */

import type { ExportReadStore } from '#app/ports/export-store';
import type { Caller } from '#domain/caller';
import type { ExportJob, LedgerEntry } from '#domain/export-job';
import { notFound } from '#domain/refusal';

export interface ExportView {
  readonly exportId: string;
  readonly reseller: string;
  readonly system: ExportJob['system'];
  readonly status: ExportJob['status'];
  readonly options: ExportJob['options'];
  readonly total: number;
  readonly exported: number;
  readonly drafts: { readonly created: number; readonly deleted: number };
  readonly invoices: readonly Pick<LedgerEntry, 'invoice' | 'state' | 'draftNumber' | 'at'>[];
  readonly failure?: ExportJob['failure'];
  readonly requestedBy: ExportJob['requestedBy'];
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly requeued?: number;
  readonly requeuedAt?: string;
}

export const readExport = async (
  { exports }: { readonly exports: ExportReadStore },
  { caller, exportId }: { readonly caller: Caller; readonly exportId: string },
): Promise<ExportView> => {
  const reseller = caller.role === 'ADMIN' ? await exports.findExportTenant(exportId) : caller.reseller;
  const record = reseller ? await exports.getExport(reseller, exportId) : undefined;
  if (!record) throw notFound();
  const { job, ledger } = record;
  return {
    exportId: job.id,
    reseller: job.reseller,
    system: job.system,
    status: job.status,
    options: job.options,
    total: job.total,
    exported: job.exported,
    drafts: {
      created: ledger.filter((entry) => entry.state === 'created').length,
      deleted: ledger.filter((entry) => entry.state === 'deleted').length,
    },
    invoices: ledger.map(({ invoice, state, draftNumber, at }) => ({
      invoice,
      state,
      ...(draftNumber ? { draftNumber } : {}),
      at,
    })),
    ...(job.failure ? { failure: job.failure } : {}),
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.requeued
      ? { requeued: job.requeued, ...(job.requeuedAt ? { requeuedAt: job.requeuedAt } : {}) }
      : {}),
  };
};
