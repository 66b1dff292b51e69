import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSagaTasks } from '#infra/catalog';
import {
  functionsByCatalogName,
  onlyResourceOfType,
  type Resource,
  resourcesOfType,
  type SynthesizedFaktura,
  stateMachineOf,
  synthesizeFaktura,
} from './template.ts';

describe('observability', () => {
  let faktura: SynthesizedFaktura;
  let topicId: string;
  let alarms: [string, Resource][];

  beforeAll(() => {
    faktura = synthesizeFaktura({ alarmEmail: 'oncall@example.com' });
    [topicId] = onlyResourceOfType(faktura.json, 'AWS::SNS::Topic');
    alarms = resourcesOfType(faktura.json, 'AWS::CloudWatch::Alarm');
  });

  const alarmOn = (namespace: string, metricName: string) =>
    alarms.filter(([, a]) => a.Properties.Namespace === namespace && a.Properties.MetricName === metricName);

  it('sends alarms to one SNS topic, encrypted with a rotated key CloudWatch may use, TLS only', () => {
    // Prepare
    const [, topic] = onlyResourceOfType(faktura.json, 'AWS::SNS::Topic');
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    const key = faktura.json.Resources[keyId];

    // Assess
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
    faktura.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      },
    });
  });

  it('subscribes the alarm e-mail from context', () => {
    // Assess
    faktura.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: topicId },
    });
  });

  it('sends every alarm, and its recovery, to the topic', () => {
    // Assess
    expect(alarms.length).toBeGreaterThan(0);
    for (const [, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  it('alarms on a failed export execution', () => {
    // Prepare
    const [stateMachineId] = stateMachineOf(faktura.json, 'export');

    // Assess
    expect(alarmOn('AWS/States', 'ExecutionsFailed').map(([, a]) => a.Properties)).toEqual([
      expect.objectContaining({
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: stateMachineId } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    ]);
  });

  it('alarms on a monthly close that failed, timed out or ended incomplete', () => {
    // Prepare
    const [closeId] = stateMachineOf(faktura.json, 'monthly-close');
    const metricsOf = (alarm: Resource) =>
      (alarm.Properties.Metrics ?? []).filter((metric: { MetricStat?: unknown }) => metric.MetricStat);
    const closeAlarms = alarms.filter(([, alarm]) =>
      metricsOf(alarm).some((metric: { MetricStat: { Metric: { Dimensions: { Value: unknown }[] } } }) =>
        JSON.stringify(metric.MetricStat.Metric.Dimensions).includes(closeId),
      ),
    );

    // Assess
    expect(closeAlarms).toHaveLength(1);
    const [, alarm] = closeAlarms[0]!;
    expect(
      metricsOf(alarm)
        .map((m: { MetricStat: { Metric: { MetricName: string } } }) => m.MetricStat.Metric.MetricName)
        .sort(),
    ).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut']);
    expect(alarm.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('alarms on any 5xx of the API', () => {
    // Prepare
    const [apiId] = onlyResourceOfType(faktura.json, 'AWS::ApiGatewayV2::Api');

    // Assess
    expect(alarmOn('AWS/ApiGateway', '5xx').map(([, a]) => a.Properties)).toEqual([
      expect.objectContaining({
        Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    ]);
  });

  it('alarms on the throttles of every function, and on the errors of every function but export-batch', () => {
    // Prepare
    const functionIds = [...functionsByCatalogName(faktura.json)].map(([name, [id]]) => [name, id] as const);
    const alarmedBy = (metricName: string) =>
      new Set(alarmOn('AWS/Lambda', metricName).map(([, a]) => a.Properties.Dimensions[0].Value.Ref));

    // Assess
    const throttled = alarmedBy('Throttles');
    const errors = alarmedBy('Errors');
    for (const [name, id] of functionIds) {
      expect(throttled.has(id)).toBe(true);
      // export-batch throws on purpose so that Step Functions retries it.
      expect(errors.has(id)).toBe(name !== exportSagaTasks.ExportBatch);
    }
  });

  it('alarms on sustained accounting API throttling, from the Powertools metric of the export worker', () => {
    // Assess
    expect(alarmOn('Faktura', 'AccountingThrottled').map(([, a]) => a.Properties)).toEqual([
      expect.objectContaining({
        Dimensions: [{ Name: 'service', Value: 'faktura' }],
        Statistic: 'Sum',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
      }),
    ]);
  });

  describe('dashboard', () => {
    let widgets: { type: string; properties: { title: string; metrics?: unknown[][] } }[];

    beforeAll(() => {
      const [, dashboard] = onlyResourceOfType(faktura.json, 'AWS::CloudWatch::Dashboard');
      // The body is a Fn::Join of JSON text and ARNs; the ARNs are irrelevant to its shape.
      const body = (dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[])
        .map((part) => (typeof part === 'string' ? part : 'arn'))
        .join('');
      widgets = JSON.parse(body).widgets;
    });

    it('is called Faktura', () => {
      // Assess
      faktura.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Faktura' });
    });

    it('opens with the state of every alarm', () => {
      // Assess
      expect(widgets[0]).toMatchObject({ type: 'alarm' });
      expect((widgets[0]!.properties as unknown as { alarms: unknown[] }).alarms).toHaveLength(alarms.length);
    });

    it.each([
      ['API requests', ['AWS/ApiGateway', 'Count']],
      ['API latency', ['AWS/ApiGateway', 'Latency']],
      ['API 4xx', ['AWS/ApiGateway', '4xx']],
      ['API 5xx', ['AWS/ApiGateway', '5xx']],
      ['Lambda errors', ['AWS/Lambda', 'Errors']],
      ['Lambda throttles', ['AWS/Lambda', 'Throttles']],
      ['Export executions', ['AWS/States', 'ExecutionsStarted']],
      ['Dead-letter queue depth', ['AWS/SQS', 'ApproximateNumberOfMessagesVisible']],
      ['Accounting API throttles (429)', ['Faktura', 'AccountingThrottled']],
    ])('shows %s', (title, [namespace, metricName]) => {
      // Prepare
      const widget = widgets.find((w) => w.properties.title === title);

      // Assess
      expect(widget?.type).toBe('metric');
      expect(widget?.properties.metrics?.[0]?.slice(0, 2)).toEqual([namespace, metricName]);
    });

    it('shows p50 and p99 latency and the executions that succeeded and failed', () => {
      // Prepare
      const metricsOf = (title: string) => JSON.stringify(widgets.find((w) => w.properties.title === title));

      // Assess
      expect(metricsOf('API latency')).toContain('"stat":"p50"');
      expect(metricsOf('API latency')).toContain('"stat":"p99"');
      expect(metricsOf('Export executions')).toContain('ExecutionsSucceeded');
      expect(metricsOf('Export executions')).toContain('ExecutionsFailed');
    });
  });
});
