import type { ExportJobStore } from '#app/ports/export-store';
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
