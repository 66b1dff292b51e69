import type { AccountingPort } from '#app/ports/accounting';
import type { ExportJob } from '#domain/export-job';
import { ownerOfJob } from '#domain/export-job';
import { type OpenIntegrationPorts, openIntegration } from '../integrations/open-integration.ts';

/** The integration was removed while its export ran. */
export class IntegrationGone extends Error {
  public override readonly name = 'IntegrationGone';
}

/** The accounting system of a running export, for the saga steps that call it (batch, compensate). */
export type ExportAccounting = (job: ExportJob) => Promise<AccountingPort>;

const adaptersKept = 20;

/**
 * One adapter per export and container: it keeps the customers it has read, so the batches of one
 * export that land on a warm container do not read them again. A failed opening is not kept.
 */
export const exportAccounting = (ports: OpenIntegrationPorts): ExportAccounting => {
  const adapters = new Map<string, Promise<AccountingPort>>();
  return (job) => {
    let adapter = adapters.get(job.id);
    if (!adapter) {
      adapter = openIntegration(ports, ownerOfJob(job), job.system).then((opened) => {
        if (!opened)
          throw new IntegrationGone(`The ${job.system} integration was removed during export ${job.id}`);
        return opened.accounting;
      });
      adapter.catch(() => adapters.delete(job.id));
      if (adapters.size >= adaptersKept) adapters.delete(adapters.keys().next().value!);
      adapters.set(job.id, adapter);
    }
    return adapter;
  };
};
