import type { Executions } from '#app/ports/executions';
import type { Log } from '#app/ports/observability';
import type { SagaInput } from './saga.ts';

/**
 * An export request from the queue becomes the export's one saga execution. The execution is named
 * after the export job, so a redelivered message finds its execution already started instead of
 * starting a second one.
 */
export const startExport = async (
  { executions, log }: { readonly executions: Executions; readonly log: Log },
  request: SagaInput,
): Promise<{ started: boolean }> => {
  const { started } = await executions.start('export', request.exportId, request);
  // This export job already has its one execution: the message was a redelivery.
  if (!started)
    log.info('Export execution already exists; message was a redelivery', { exportId: request.exportId });
  return { started };
};
