import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What `npm run monthly-close` prints last: the run's status and its report's summary. */
export interface MonthlyCloseCliAnswer {
  readonly status: string;
  readonly summary: {
    readonly run: string;
    readonly resellers: number;
    readonly invoicesCreated: number;
    readonly invoicesExisted: number;
    readonly failures: number;
    readonly exportsQueued: number;
    readonly exportsRefused: number;
    readonly refusalMailsSent: number;
  };
}

/**
 * Closes a month on a running local stack through the CLI a person would use
 * (tools/local-runtime/src/cli/monthly-close.ts), from the repository root, with the stack's ports
 * in its environment. Exit 1 is a run that ended incomplete: its summary is answered all the same.
 */
export const closeMonthThroughCli = async (
  ports: Readonly<Record<string, number | string>>,
  period: string,
  timeoutMs: number,
): Promise<MonthlyCloseCliAnswer> => {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'tools/local-runtime/src/cli/monthly-close.ts', '--period', period],
    {
      env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) },
      timeout: timeoutMs,
    },
  ).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
    if (error.code === 1 && error.stdout) return { stdout: error.stdout };
    throw new Error(`monthly-close exited ${error.code}: ${error.stderr}\n${error.stdout}`);
  });
  return JSON.parse(stdout.slice(stdout.lastIndexOf('\n{\n'))) as MonthlyCloseCliAnswer;
};
