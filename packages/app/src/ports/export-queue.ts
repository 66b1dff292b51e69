import type { ExportJob } from '#domain/export-job';

/**
 * The export request queue: a message per export job, which its consumer turns into the job's one
 * saga execution. `attempt` 0 is the first message; a re-send (the sweeper's) passes a later one so
 * that the FIFO queue does not drop it as the first one's duplicate.
 */
export interface ExportQueue {
  sendExportRequest(job: Pick<ExportJob, 'id' | 'reseller' | 'system'>, attempt?: number): Promise<void>;
}
