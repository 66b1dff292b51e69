/**
 * `npm run monthly-close -- --period 2026-10` closes a month on the running local stack (`npm start`):
 * it invokes the very handler EventBridge Scheduler invokes in AWS (functions/monthly-close/start.ts)
 * with `{ period }`, which starts the close's state machine on the stack's Step Functions endpoint;
 * then it waits for the run and prints what the close did. The local stack never closes a month by
 * itself. Exit code 0 when the run succeeded, 1 when it failed or ended incomplete.
 */
import { parseArgs } from 'node:util';
import { DescribeExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { closedPeriod } from '#domain/monthly-close/period';
import { executionHistory } from '../execution-history.ts';
import { connectToRunningStack } from './running-stack.ts';

const usage = 'usage: npm run monthly-close -- [--period YYYY-MM] (default: the month that ended last)';

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { period: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const period = values.period ?? closedPeriod(new Date()).month;
  if (!/^\d{4}-\d{2}$/.test(period)) throw new Error(usage);

  const { sfn, invoke } = await connectToRunningStack(values['data-dir']);
  const started = (await invoke('monthly-close', { period })) as { run: string; executionArn: string };
  process.stdout.write(`Closing ${period}: run ${started.run}\n`);
  let status = 'RUNNING';
  while (status === 'RUNNING') {
    await new Promise((done) => setTimeout(done, 500));
    ({ status = 'RUNNING' } = await sfn.send(
      new DescribeExecutionCommand({ executionArn: started.executionArn }),
    ));
  }
  const summary = await reportOf(sfn, started.executionArn);
  process.stdout.write(`${JSON.stringify({ status, ...summary }, null, 2)}\n`);
  return status === 'SUCCEEDED' ? 0 : 1;
};

/** What the run's ReportClose step answered (the execution's output is absent when it ends incomplete). */
const reportOf = async (sfn: SFNClient, executionArn: string): Promise<Record<string, unknown>> => {
  const events = await executionHistory(sfn, executionArn);
  const report = events.findLast(
    (event) => event.type === 'TaskStateExited' && event.stateExitedEventDetails?.name === 'ReportClose',
  );
  if (!report) {
    const failed = events.findLast((event) => event.type === 'ExecutionFailed');
    return { error: failed?.executionFailedEventDetails ?? 'the run ended before its report' };
  }
  return { summary: JSON.parse(report.stateExitedEventDetails?.output ?? '{}').summary };
};

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  },
);
