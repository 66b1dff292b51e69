import { DescribeExecutionCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { expectStatus } from './api.ts';
import { prepareScenario, type System } from './export-runs.ts';
import { countByOperation, type RecordingProxy } from './recording-proxy.ts';
import type { BenchStack } from './stack.ts';

/**
 * The DynamoDB round trips one export makes, request and every saga step (prepare, the batches,
 * the marks, finalize, notify), counted on the wire by the recording proxy in front of DynamoDB
 * Local. The export's end is read from the local Step Functions (DescribeExecution), not from the
 * export's status route, whose reads would be counted as the export's.
 */
export interface ExportRoundTrips {
  readonly system: System;
  readonly invoices: number;
  readonly requestCalls: number;
  readonly sagaCalls: number;
  readonly byOperation: Record<string, number>;
  readonly executionStatus: string;
  readonly exported: number;
}

/** The export machine's name in the local stack (tools/local-runtime/src/config.ts). */
const exportMachineName = 'faktura-export';

const executionEnd = async (stack: BenchStack, exportId: string): Promise<string> => {
  const sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${stack.ports.STEP_FUNCTIONS_PORT}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
      const machine = stateMachines.find((candidate) => candidate.name === exportMachineName);
      if (!machine?.stateMachineArn) throw new Error(`No state machine named ${exportMachineName}`);
      const executionArn = `${machine.stateMachineArn.replace(':stateMachine:', ':execution:')}:${exportId}`;
      const execution = await sfn
        .send(new DescribeExecutionCommand({ executionArn }))
        .catch((error: Error) =>
          error.name === 'ExecutionDoesNotExist' ? undefined : Promise.reject(error),
        );
      if (execution && execution.status !== 'RUNNING') return execution.status!;
      if (Date.now() > deadline) throw new Error(`export ${exportId} still running after 15 minutes`);
    }
  } finally {
    sfn.destroy();
  }
};

export const measureExportRoundTrips = async (
  stack: BenchStack,
  proxy: RecordingProxy,
  system: System,
  invoiceCount: number,
): Promise<ExportRoundTrips> => {
  const month = '2026-10';
  const scenario = await prepareScenario(stack, system, { invoiceCount, month, customerCount: 50 });
  try {
    proxy.reset();
    const answer = expectStatus(
      await scenario.tenant.api('POST', `/integration/${system}/invoice/draft`, {
        invoiceDate: `${month}-01`,
      }),
      202,
      'export request',
    );
    const requestCalls = proxy.calls().length;
    const exportId = answer.body.exportId as string;
    const executionStatus = await executionEnd(stack, exportId);
    const calls = [...proxy.calls()];
    const job = expectStatus(
      await scenario.tenant.api('GET', `/integration/exports/${exportId}`),
      200,
      'job',
    ).body;
    return {
      system,
      invoices: invoiceCount,
      requestCalls,
      sagaCalls: calls.length - requestCalls,
      byOperation: countByOperation(calls),
      executionStatus,
      exported: job.drafts?.created ?? 0,
    };
  } finally {
    await scenario.simulator.stop();
  }
};
