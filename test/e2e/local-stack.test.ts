import { spawnSync } from 'node:child_process';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '#domain/ids';
import {
  exportStateMachineDefinition,
  monthlyCloseGroupStateMachineDefinition,
  monthlyCloseStateMachineDefinition,
  synthesizeFakturaTemplate,
} from '#infra/synthesize';
import { localQueueNameOf } from '../../tools/local-runtime/src/services/sqs.ts';
import { eventually } from './support/eventually.ts';
import { exportMachine, machineArn, stateMachineNames } from './support/state-machines.ts';

/** The local stack itself: it runs what CDK synthesizes, and it wires the parts as AWS would. */
const local = (port: number) => `http://127.0.0.1:${port}`;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('the local stack', () => {
  let sfn: SFNClient;
  let sqs: SQSClient;

  const ports = inject('ports');

  beforeAll(() => {
    sfn = new SFNClient({ endpoint: local(ports.STEP_FUNCTIONS_PORT!), region: 'eu-west-1', credentials });
    sqs = new SQSClient({ endpoint: local(ports.SQS_PORT!), region: 'eu-west-1', credentials });
  });

  it('executes the state machine definitions CDK synthesizes, not copies of them', async () => {
    // Prepare
    const template = synthesizeFakturaTemplate();
    const expected = {
      'faktura-export': exportStateMachineDefinition(template),
      // The close's run starts its groups by this runtime's ARN of the group machine.
      'faktura-monthly-close': monthlyCloseStateMachineDefinition(
        template,
        () => 'arn:aws:states:eu-west-1:000000000000:stateMachine:faktura-monthly-close-group',
      ),
      // The group sends the automatic exports' requests to this runtime's export request queue.
      'faktura-monthly-close-group': monthlyCloseGroupStateMachineDefinition(
        template,
        (logicalId) => `${local(ports.SQS_PORT!)}/000000000000/${localQueueNameOf(logicalId)}`,
      ),
    };

    // Act
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    const described = await Promise.all(
      stateMachines!.map((machine) =>
        sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machine.stateMachineArn! })),
      ),
    );

    // Assess
    expect(stateMachines!.map((machine) => machine.name).sort()).toEqual(Object.keys(expected));
    for (const machine of described) {
      expect(JSON.parse(machine.definition!)).toEqual(expected[machine.name as keyof typeof expected]);
      expect(machine.type).toBe('STANDARD');
    }
  });

  it('feeds an export request from the FIFO queue to the consumer, which starts one execution per export, however often the message comes', async () => {
    // Prepare
    const exportId = newId();
    const request = { exportId, reseller: '65f000000000000000000001', system: 'economic' };
    const { QueueUrl } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: 'faktura-export-requests.fifo' }),
    );
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    const executionArn = `${exportMachine(stateMachines!).replace(':stateMachine:', ':execution:')}:${exportId}`;

    // Act: the same request twice, as a redelivery would bring it
    for (const attempt of [1, 2]) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: JSON.stringify(request),
          MessageGroupId: `${request.reseller}#economic`,
          MessageDeduplicationId: `${exportId}-${attempt}`,
        }),
      );
    }

    // Assess
    const execution = await eventually(
      () =>
        sfn.send(new DescribeExecutionCommand({ executionArn })).catch((error: Error) => {
          if (error.name === 'ExecutionDoesNotExist') return undefined;
          throw error;
        }),
      'the execution',
    );
    expect(execution.name).toBe(exportId);
    expect(JSON.parse(execution.input!)).toEqual(request);
    await eventually(async () => {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      const drained =
        Attributes?.ApproximateNumberOfMessages === '0' &&
        Attributes?.ApproximateNumberOfMessagesNotVisible === '0';
      return drained ? true : undefined;
    }, 'the queue drained');
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: exportMachine(stateMachines!) }),
    );
    expect(executions!.filter((listed) => listed.name === exportId)).toHaveLength(1);
  });

  it('never closes a month by itself: every run of the close it holds was asked for by hand', async () => {
    // Act
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    const { executions } = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: machineArn(stateMachines!, stateMachineNames.monthlyClose),
      }),
    );

    // Assess: the start handler names a run asked for by hand close-<month>-manual-<time>, a scheduled one without "manual"
    expect(executions!.filter((execution) => !/^close-\d{4}-\d{2}-manual-/.test(execution.name!))).toEqual(
      [],
    );
  });

  it('refuses to start a second stack on a port that is already in use, saying which', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/local-runtime/src/cli/start.ts', '--data-dir', inject('dataDir')],
      {
        env: { ...process.env, PORT: String(inject('ports').PORT) },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${inject('ports').PORT} (api) is already in use`);
  });
});
