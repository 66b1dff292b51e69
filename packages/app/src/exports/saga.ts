import type { ExportJobStore, ExportLedgerStore } from '#app/ports/export-store';
import type { ExportBatch } from '#app/ports/store';
import type { ExportJob } from '#domain/export-job';
import type { AccountingSystemName } from '#domain/integration';

/** What every saga step receives: ids only, never invoice bodies (the 256 KB state limit). */
export interface SagaInput {
  readonly exportId: string;
  readonly reseller: string;
  readonly system: AccountingSystemName;
}

export class ExportJobMissing extends Error {
  public override readonly name = 'ExportJobMissing';
}

export const requireJob = async (
  exports: Pick<ExportJobStore, 'getExportJob'>,
  input: SagaInput,
): Promise<ExportJob> => {
  const job = await exports.getExportJob(input.reseller, input.exportId);
  if (!job)
    throw new ExportJobMissing(`Export ${input.exportId} of reseller ${input.reseller} does not exist`);
  return job;
};

/** What the saga's Maps give each iteration: the saga's ids and one batch's index. */
export interface BatchInput extends SagaInput {
  readonly batch: number;
}

export class ExportBatchMissing extends Error {
  public override readonly name = 'ExportBatchMissing';
}

export const requireBatch = async (
  exports: Pick<ExportLedgerStore, 'getExportBatch'>,
  job: ExportJob,
  index: number,
): Promise<ExportBatch> => {
  const batch = await exports.getExportBatch(job.reseller, job.id, index);
  if (!batch) throw new ExportBatchMissing(`Export ${job.id} has no batch ${index}`);
  return batch;
};
