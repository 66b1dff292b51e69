import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { MonthlyCloseSchedule } from '#infra/constructs/monthly-close-schedule';
import { monthlyCloseFunction } from '#infra/faktura-stack';
import {
  arnOf,
  functionsByCatalogName,
  onlyResourceOfType,
  type Resource,
  resourcesOfType,
  statementsOfRole,
  synthesizeFaktura,
} from './template.ts';

/** The schedule on its own, with a stand-in target: what it asks of its target, whatever the target is. */
function stackWithSchedule() {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'MonthlyCloseTest');
  const worker = new lambda.Function(stack, 'Worker', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = async () => {}'),
  });
  new MonthlyCloseSchedule(stack, 'MonthlyClose', { target: worker });
  return {
    json: Template.fromStack(stack).toJSON(),
    workerId: stack.getLogicalId(worker.node.defaultChild as lambda.CfnFunction),
  };
}

describe('monthly close schedule', () => {
  let json: Record<string, Record<string, Resource>>;
  let workerId: string;
  let schedule: Resource;

  beforeAll(() => {
    ({ json, workerId } = stackWithSchedule());
    [, schedule] = onlyResourceOfType(json, 'AWS::Scheduler::Schedule');
  });

  it('runs at 02:00 Copenhagen time on the 1st of every month, on the minute', () => {
    // Assess
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 2 1 * ? *)',
      ScheduleExpressionTimezone: 'Europe/Copenhagen',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
    });
  });

  it('invokes the worker with the scheduled time, so a late retry closes the right month', () => {
    // Assess
    expect(schedule.Properties.Target.Arn).toEqual(arnOf(workerId));
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({
      source: 'faktura.monthly-close',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
  });

  it('retries, then parks a failed invocation in a dead-letter queue', () => {
    // Prepare
    const [deadLetterQueueId] = onlyResourceOfType(json, 'AWS::SQS::Queue');

    // Assess
    expect(schedule.Properties.Target).toMatchObject({
      DeadLetterConfig: { Arn: arnOf(deadLetterQueueId) },
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 6 * 3600 },
    });
  });

  it('assumes a role that may invoke the worker and write to the dead-letter queue, nothing else', () => {
    // Prepare
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
    const statements = statementsOfRole(json, roleId);

    // Assess
    expect(statements.map((s) => s.Action).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    expect(json.Resources![roleId]!.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
      Service: 'scheduler.amazonaws.com',
    });
  });

  it('invokes the catalog’s monthly-close function in the Faktura stack', () => {
    // Act
    const faktura = synthesizeFaktura();

    // Assess
    const schedules = resourcesOfType(faktura.json, 'AWS::Scheduler::Schedule').filter(
      ([, schedule]) => schedule.Properties.ScheduleExpression === 'cron(0 2 1 * ? *)',
    );
    const [workerId] = functionsByCatalogName(faktura.json).get(monthlyCloseFunction)!;
    expect(schedules).toHaveLength(1);
    expect(schedules[0]![1].Properties.Target.Arn).toEqual(arnOf(workerId));
  });
});
