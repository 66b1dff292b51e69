import type { AccountingPort } from '#accounting/port';
import type { ExportJob } from '#domain/export-job';
import { connectIntegration } from '../commons/accounting.ts';
import { ownerOf } from './saga-context.ts';

/**
 * The accounting system of an export, for the saga steps that call it (batch, compensate). Apart
 * from saga-context.ts because it reads the credentials from Secrets Manager: the steps that never
 * call the accounting system then bundle no Secrets Manager client (decision 1).
 */

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
