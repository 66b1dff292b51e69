import type { AccountingPort } from '#accounting/port';
import type { ExportJob } from '#domain/export-job';
import type { IntegrationOwner } from '#domain/integration';
import { getExportJob } from '#store/exports';
import { connectIntegration } from '../commons/accounting.ts';

/** What every saga step receives: ids only, never invoice bodies (the 256 KB state limit). */
export interface SagaInput {
  readonly exportId: string;
  readonly reseller: string;
  readonly system: 'economic' | 'uniconta';
}

export const ownerOf = (job: ExportJob): IntegrationOwner =>
  job.options.adminMode ? { kind: 'platform' } : { kind: 'reseller', reseller: job.reseller };

export const requireJob = async (input: SagaInput): Promise<ExportJob> => {
  const job = await getExportJob(input.reseller, input.exportId);
  if (!job)
    throw new ExportJobMissing(`Export ${input.exportId} of reseller ${input.reseller} does not exist`);
  return job;
};

export class ExportJobMissing extends Error {
  public override readonly name = 'ExportJobMissing';
}

export class IntegrationGone extends Error {
  public override readonly name = 'IntegrationGone';
}

/**
 * One adapter per export and container: it keeps the customers it has read, so the batches of
 * one export that land on a warm container do not read them again.
 */
const adapters = new Map<string, Promise<AccountingPort>>();

export const accountingFor = (job: ExportJob): Promise<AccountingPort> => {
  let adapter = adapters.get(job.id);
  if (!adapter) {
    adapter = connectIntegration(ownerOf(job), job.system).then((connected) => {
      if (!connected)
        throw new IntegrationGone(`The ${job.system} integration was removed during export ${job.id}`);
      return connected.accounting;
    });
    adapter.catch(() => adapters.delete(job.id));
    if (adapters.size > 20) adapters.delete(adapters.keys().next().value!);
    adapters.set(job.id, adapter);
  }
  return adapter;
};
