/**
 * What the CLIs that act on a running local stack (`npm run monthly-close`, `npm run
 * sync-bookings`) share: they check the stack answers, give this process the environment the
 * stack's handlers run with (its queue and state machines looked up on its emulators), and invoke a
 * catalog function in process, exactly as the stack's own function host would.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionName } from '#infra/catalog';
import { localConfig } from '../config.ts';
import { createFunctionHost } from '../function-host.ts';
import { fakturaQueueNames } from '../services/sqs.ts';
import { handlerEnvironment } from '../stack.ts';

const repositoryRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');

export interface RunningStack {
  /** The stack's Step Functions endpoint, for following what an invocation started. */
  readonly sfn: SFNClient;
  /** Runs a catalog function's handler (infra/catalog.ts) with `event`, and answers what it returned. */
  readonly invoke: (functionName: FunctionName, event: unknown) => Promise<unknown>;
}

/** `dataDir`: the stack's data folder, when not the default one (`--data-dir`). */
export const connectToRunningStack = async (dataDir?: string): Promise<RunningStack> => {
  const config = localConfig(process.env, dataDir);
  const local = (port: number) => `http://${config.host}:${port}`;
  await fetch(`${local(config.ports.api)}/health`).catch(() => {
    throw new Error(
      `The local stack does not answer on ${local(config.ports.api)}: start it with npm start.`,
    );
  });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const sfn = new SFNClient({
    endpoint: local(config.ports.stepFunctions),
    region: config.region,
    credentials,
  });
  const sqs = new SQSClient({ endpoint: local(config.ports.sqs), region: config.region, credentials });
  const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
  const arnOf = (name: string) =>
    stateMachines.find((machine) => machine.name === name)?.stateMachineArn ?? '';
  const urlOf = async (QueueName: string) =>
    (await sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl ?? '';
  const queueUrls = {
    exportQueueUrl: await urlOf(config.exportQueueName),
    mailQueueUrl: await urlOf(fakturaQueueNames.mail),
  };
  Object.assign(
    process.env,
    handlerEnvironment(config, queueUrls, {
      export: arnOf(config.stateMachineName),
      monthlyClose: arnOf(config.monthlyCloseStateMachineName),
    }),
  );
  const host = createFunctionHost(repositoryRoot);
  return { sfn, invoke: (functionName, event) => host.invoke(functionName, event) };
};
