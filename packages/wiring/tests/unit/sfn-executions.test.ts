import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sfnExecutions } from '../../src/sfn-executions.ts';

const exportArn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:export';
const sfn = new SFNClient({ region: 'eu-west-1' });
const sfnMock = mockClient(sfn);
const executions = sfnExecutions(sfn, (name) => (name === 'export' ? exportArn : undefined));

describe('sfnExecutions', () => {
  beforeEach(() => sfnMock.reset());

  it('starts the named state machine with the name and the input as JSON', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: `${exportArn}:job-1`, startDate: new Date() });

    // Act
    const started = await executions.start('export', 'job-1', { exportId: 'job-1' });

    // Assess
    expect(sfnMock.commandCalls(StartExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: exportArn, name: 'job-1', input: '{"exportId":"job-1"}' },
    ]);
    expect(started).toEqual({ executionArn: `${exportArn}:job-1`, started: true });
  });

  it('answers a name already used as not started, with that execution’s ARN', async () => {
    // Prepare
    const exists = Object.assign(new Error('Execution already exists'), { name: 'ExecutionAlreadyExists' });
    sfnMock.on(StartExecutionCommand).rejects(exists);

    // Act
    const started = await executions.start('export', 'job-1', {});

    // Assess
    expect(started).toEqual({
      executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:export:job-1',
      started: false,
    });
  });

  it('lets any other failure through, so that the caller retries', async () => {
    // Prepare
    sfnMock
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));

    // Act
    const starting = executions.start('export', 'job-1', {});

    // Assess
    await expect(starting).rejects.toThrow('slow down');
  });
});
