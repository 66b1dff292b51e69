import type { ExportJob } from '#domain/export-job';
import type { IntegrationOwner } from '#domain/integration';
import { exportStore } from '#wiring/store';

/** What every saga step receives: ids only, never invoice bodies (the 256 KB state limit). */
export interface SagaInput {
  readonly exportId: string;
  readonly reseller: string;
  readonly system: 'economic' | 'uniconta';
}

export const ownerOf = (job: ExportJob): IntegrationOwner =>
  job.options.adminMode ? { kind: 'platform' } : { kind: 'reseller', reseller: job.reseller };

export const requireJob = async (input: SagaInput): Promise<ExportJob> => {
  const job = await exportStore.getExportJob(input.reseller, input.exportId);
  if (!job)
    throw new ExportJobMissing(`Export ${input.exportId} of reseller ${input.reseller} does not exist`);
  return job;
};

export class ExportJobMissing extends Error {
  public override readonly name = 'ExportJobMissing';
}
