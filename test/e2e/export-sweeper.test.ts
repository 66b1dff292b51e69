import { ListStateMachinesCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type ExportJob, toBatches } from '#domain/export-job';
import { newId } from '#domain/ids';
import { exportStore } from '#wiring/store';
import {
  createInvoices,
  createScenario,
  draftsOf,
  exportIdOf,
  requestExport,
  type Scenario,
  waitForExport,
} from './support/accounting.ts';
import { useTestStackInProcess } from './support/in-process.ts';
import { exportMachine } from './support/state-machines.ts';

/**
 * An export job is written, then its message is sent. A crash between the two (or a queue that
 * lost its messages) leaves a job `queued` that nothing starts, and its month refused with 409.
 * The sweeper (run every FAKTURA_LOCAL_EXPORT_SWEEP_SECONDS by the test stack, every 2 minutes in
 * AWS) sends the message again, and after a few tries fails the job and frees its month.
 */
describe('exports that never started', () => {
  let scenario: Scenario;

  beforeAll(async () => {
    useTestStackInProcess();
    scenario = await createScenario('economic', 2, 'Sweeper');
  });

  /** The job `POST …/invoice/draft` writes, written as a crash right after it would leave it: no message. */
  const writeJobWithoutMessage = async (month: string, invoices: string[]): Promise<ExportJob> => {
    const batches = toBatches(invoices, 10);
    const job: ExportJob = {
      id: newId(),
      reseller: scenario.tenant.reseller,
      system: 'economic',
      status: 'queued',
      options: {
        invoiceDate: `${month}-01`,
        invoicesToOmit: [],
        groupInvoiceLines: false,
        adminMode: false,
        externalLicenses: false,
      },
      requestedBy: { userId: 'crashed-request' },
      total: invoices.length,
      exported: invoices.length,
      batchSize: 10,
      batchCount: batches.length,
      createdAt: new Date().toISOString(),
    };
    await exportStore.createExportJob(job, batches);
    return job;
  };

  it('starts a job whose message was never sent, and the export succeeds', { timeout: 120_000 }, async () => {
    // Prepare
    const invoices = await createInvoices(scenario, 3, '2033-05');
    const job = await writeJobWithoutMessage('2033-05', invoices);
    const blocked = await requestExport(scenario.tenant.resellerClient, 'economic', {
      invoiceDate: '2033-05-01',
    });

    // Act
    const finished = await waitForExport(scenario.tenant.resellerClient, job.id, 60_000);

    // Assess
    expect(blocked.response.status).toBe(409);
    expect(finished).toMatchObject({
      status: 'succeeded',
      exported: 3,
      drafts: { created: 3, deleted: 0 },
    });
    // Once, unless the machine is so slow that the saga had not begun within a sweep interval.
    expect(finished.requeued).toBeGreaterThanOrEqual(1);
    expect(await draftsOf('economic', job.id)).toHaveLength(3);
  });

  it('fails a job that no run takes up after its tries, frees its month, and says why', {
    timeout: 180_000,
  }, async () => {
    // Prepare: an execution of that name is over already (another input), so every message
    // the consumer gets for this job starts nothing.
    const invoices = await createInvoices(scenario, 2, '2033-06');
    const job = await writeJobWithoutMessage('2033-06', invoices);
    const sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${inject('ports').STEP_FUNCTIONS_PORT}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: exportMachine(stateMachines),
        name: job.id,
        input: JSON.stringify({ exportId: job.id, reseller: newId(), system: 'economic' }),
      }),
    );

    // Act
    const finished = await waitForExport(scenario.tenant.resellerClient, job.id, 90_000);
    const again = await requestExport(scenario.tenant.resellerClient, 'economic', {
      invoiceDate: '2033-06-01',
    });
    const exported = await waitForExport(scenario.tenant.resellerClient, exportIdOf(again), 60_000);

    // Assess
    expect(finished).toMatchObject({
      status: 'failed',
      requeued: 3,
      failure: { reason: 'The export never started: its request was queued 4 times and no run took it up' },
      drafts: { created: 0, deleted: 0 },
    });
    expect(again.response.status).toBe(202);
    expect(exported).toMatchObject({ status: 'succeeded', exported: 2 });
  });
});
