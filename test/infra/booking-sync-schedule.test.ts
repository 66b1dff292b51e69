import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog } from '#infra/catalog';
import { bookingSyncFunction } from '#infra/faktura-stack';
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

/** Booking sync: scheduled hourly, least privilege, alarmed and on the dashboard when its runs record errors. */
describe('booking sync', () => {
  let faktura: SynthesizedFaktura;
  let schedule: Resource;
  let syncId: string;
  let sync: Resource;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    [syncId, sync] = functionsByCatalogName(faktura.json).get(bookingSyncFunction)!;
    const schedules = resourcesOfType(faktura.json, 'AWS::Scheduler::Schedule').filter(([, each]) =>
      JSON.stringify(each.Properties.Target.Arn).includes(syncId),
    );
    expect(schedules).toHaveLength(1);
    [, schedule] = schedules[0]!;
  });

  it('runs hourly by default, for every integration, without retries', () => {
    // Assess
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 hour)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
    });
    expect(schedule.Properties.Target.Arn).toEqual(arnOf(syncId));
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({});
    expect(schedule.Properties.Target.RetryPolicy).toEqual({
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('runs as often as the bookingSyncEveryMinutes setting says', () => {
    // Prepare
    const every15 = synthesizeFaktura({ bookingSyncEveryMinutes: 15 });
    const [id] = functionsByCatalogName(every15.json).get(bookingSyncFunction)!;

    // Act
    const [[, quarterly]] = resourcesOfType(every15.json, 'AWS::Scheduler::Schedule').filter(([, each]) =>
      JSON.stringify(each.Properties.Target.Arn).includes(id),
    ) as [[string, Resource]];

    // Assess
    expect(quarterly.Properties.ScheduleExpression).toBe('rate(15 minutes)');
  });

  it('may read the accounting secrets and the table, and write the table; nothing else', () => {
    // Prepare
    const actions = actionsOf(statementsOfRole(faktura.json, roleOfFunction(sync)));

    // Assess
    expect(catalog[bookingSyncFunction].grants).toEqual([
      'table:read',
      'table:write',
      'accounting-secrets:read',
    ]);
    expect(actions).toContain('secretsmanager:GetSecretValue');
    expect(actions).toContain('dynamodb:UpdateItem');
    expect(
      actions.filter((action) => /^(states|ses|sqs|secretsmanager:(Put|Create|Delete))/.test(action)),
    ).toEqual([]);
  });

  it('alarms on the first run that records an error, and shows the errors on the dashboard', () => {
    // Prepare
    const alarms = resourcesOfType(faktura.json, 'AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === 'BookingSyncErrors',
    );
    const [[, dashboard]] = resourcesOfType(faktura.json, 'AWS::CloudWatch::Dashboard') as [
      [string, Resource],
    ];

    // Assess
    expect(alarms.map(([, alarm]) => alarm.Properties)).toEqual([
      expect.objectContaining({
        Namespace: 'Faktura',
        Dimensions: [{ Name: 'service', Value: 'faktura' }],
        Statistic: 'Sum',
        Period: 3600,
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    ]);
    expect(JSON.stringify(dashboard.Properties.DashboardBody)).toContain('Booking sync errors');
  });
});
