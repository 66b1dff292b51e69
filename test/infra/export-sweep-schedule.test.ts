import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog, environmentNames } from '#infra/catalog';
import { exportSweepFunction } from '#infra/faktura-stack';
import {
  actionsOf,
  arnOf,
  functionsByCatalogName,
  type Resource,
  resourcesOfType,
  roleOfFunction,
  type SynthesizedFaktura,
  statementsOfRole,
  synthesizeFaktura,
} from './template.ts';

/** The sweeper of exports that never started: scheduled, least privilege, and alarmed when it fails one. */
describe('export sweep', () => {
  let faktura: SynthesizedFaktura;
  let schedule: Resource;
  let sweeperId: string;
  let sweeper: Resource;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    [sweeperId, sweeper] = functionsByCatalogName(faktura.json).get(exportSweepFunction)!;
    const schedules = resourcesOfType(faktura.json, 'AWS::Scheduler::Schedule').filter(([, each]) =>
      JSON.stringify(each.Properties.Target.Arn).includes(sweeperId),
    );
    expect(schedules).toHaveLength(1);
    [, schedule] = schedules[0]!;
  });

  it('runs every 2 minutes and tells the sweeper how long a job may wait (180 s)', () => {
    // Assess
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(2 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
    });
    expect(schedule.Properties.Target.Arn).toEqual(arnOf(sweeperId));
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ startWithinSeconds: 180 });
    expect(schedule.Properties.Target.RetryPolicy).toEqual({
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 120,
    });
  });

  it('assumes a role of its own that may invoke the sweeper and nothing else', () => {
    // Prepare
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];

    // Assess
    expect(actionsOf(statementsOfRole(faktura.json, roleId))).toEqual(['lambda:InvokeFunction']);
    expect(faktura.json.Resources[roleId].Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual(
      {
        Service: 'scheduler.amazonaws.com',
      },
    );
  });

  it('lets the sweeper read and write the table and send to the export queue, nothing more', () => {
    // Prepare
    const actions = actionsOf(statementsOfRole(faktura.json, roleOfFunction(sweeper)));

    // Assess
    expect(catalog[exportSweepFunction].grants).toEqual(['table:read', 'table:write', 'export-queue:send']);
    expect(actions).toContain('sqs:SendMessage');
    expect(actions).toContain('dynamodb:Query');
    expect(actions).toContain('dynamodb:UpdateItem');
    expect(
      actions.filter((action) => /^(states|secretsmanager|ses|sqs:Receive|sqs:Delete)/.test(action)),
    ).toEqual([]);
    expect(Object.keys(sweeper.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining([environmentNames.tableName, environmentNames.exportQueueUrl]),
    );
  });

  it('alarms when the sweeper had to fail an export that never started', () => {
    // Prepare
    const alarms = resourcesOfType(faktura.json, 'AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === 'ExportsNeverStarted',
    );

    // Assess
    expect(alarms.map(([, alarm]) => alarm.Properties)).toEqual([
      expect.objectContaining({
        Namespace: 'Faktura',
        Dimensions: [{ Name: 'service', Value: 'faktura' }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    ]);
  });
});
