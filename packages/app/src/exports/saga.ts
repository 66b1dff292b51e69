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

const jobMissing = (input: SagaInput): ExportJobMissing =>
  new ExportJobMissing(`Export ${input.exportId} of reseller ${input.reseller} does not exist`);

export const requireJob = async (
  exports: Pick<ExportJobStore, 'getExportJob'>,
  input: SagaInput,
): Promise<ExportJob> => {
  const job = await exports.getExportJob(input.reseller, input.exportId);
  if (!job) throw jobMissing(input);
  return job;
};

/** What the saga's Maps give each iteration: the saga's ids and one batch's index. */
export interface BatchInput extends SagaInput {
  readonly batch: number;
}

export class ExportBatchMissing extends Error {
  public override readonly name = 'ExportBatchMissing';
}

/**
 * The job and the batch of a step over one batch, read side by side: the batch's key is the saga's
 * own ids, nothing read from the job, and a step waits on both before anything else (one DynamoDB
 * round trip less at each batch's start, and in the marks every export's end waits on). A missing
 * job is named before a missing batch, as when they were read in turn.
 */
export const requireJobAndBatch = async (
  exports: Pick<ExportJobStore, 'getExportJob'> & Pick<ExportLedgerStore, 'getExportBatch'>,
  input: BatchInput,
): Promise<{ job: ExportJob; batch: ExportBatch }> => {
  const [job, batch] = await Promise.all([
    exports.getExportJob(input.reseller, input.exportId),
    exports.getExportBatch(input.reseller, input.exportId, input.batch),
  ]);
  if (!job) throw jobMissing(input);
  if (!batch) throw new ExportBatchMissing(`Export ${job.id} has no batch ${input.batch}`);
  return { job, batch };
};
