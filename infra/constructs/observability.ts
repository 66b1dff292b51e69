import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { powertoolsMetricsNamespace, powertoolsServiceName } from '../functions.ts';

/**
 * The custom metric the export-batch worker emits (Powertools Metrics, unit Count) each time the
 * accounting API answers 429. Powertools adds the `service` dimension by itself; the alarm matches
 * exactly that dimension set, so the worker must not add dimensions of its own to this metric.
 */
export const accountingThrottledMetric = {
  namespace: powertoolsMetricsNamespace,
  metricName: 'AccountingThrottled',
  dimensionsMap: { service: powertoolsServiceName },
} as const;

/** What the monthly close's report emits (functions/monthly-close/report.ts). */
export const monthlyCloseMetric = (metricName: 'MonthlyCloseInvoicesCreated' | 'MonthlyCloseFailures') => ({
  namespace: powertoolsMetricsNamespace,
  metricName,
  dimensionsMap: { service: powertoolsServiceName },
});

/** What booking sync emits (functions/bookings/sync.ts): the errors its runs recorded. */
export const bookingSyncMetric = {
  namespace: powertoolsMetricsNamespace,
  metricName: 'BookingSyncErrors',
  dimensionsMap: { service: powertoolsServiceName },
} as const;

/** What the sweeper of exports that never started emits (functions/export/sweep-queued.ts). */
export const exportSweepMetric = (metricName: 'ExportsRequeued' | 'ExportsNeverStarted') => ({
  namespace: powertoolsMetricsNamespace,
  metricName,
  dimensionsMap: { service: powertoolsServiceName },
});

export interface ObservabilityProps {
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  readonly httpApi: apigwv2.IHttpApi;
  readonly exportStateMachine: sfn.IStateMachine;
  readonly monthlyCloseStateMachine: sfn.IStateMachine;
  /** Every dead-letter queue, by what it holds; any message in one is a lost piece of work. */
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
  readonly alarmEmail?: string;
  /**
   * Functions whose thrown errors are a retry signal to their caller (the export-batch worker throws
   * `AccountingThrottled` so that Step Functions retries it). Their errors stay on the dashboard but
   * raise no alarm of their own: the caller's failure alarm (ExportExecutionsFailed) and the
   * AccountingThrottled alarm say when retrying did not help.
   */
  readonly errorsAreRetrySignals?: readonly string[];
  /** Throttled accounting calls per 5 minutes, sustained, that mean exports are too eager. */
  readonly accountingThrottleThreshold?: number;
  readonly dashboardName?: string;
}

const fiveMinutes = Duration.minutes(5);

/**
 * Alarms to one SNS topic, and the "Faktura" dashboard that answers "is billing healthy?": the
 * alarm states on top, then the API, the functions, the export saga and the accounting API.
 *
 * Why a customer managed key for the topic: CloudWatch alarms cannot publish to a topic encrypted
 * with the AWS managed `aws/sns` key, whose policy cannot be changed to let CloudWatch use it.
 */
export class Observability extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  private readonly alarmAction: SnsAction;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const topicKey = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Faktura alarm topic encryption',
      enableKeyRotation: true,
    });
    topicKey.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Faktura alarms',
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.alarmAction = new SnsAction(this.alarmTopic);

    const deadLetterAlarms = Object.entries(props.deadLetterQueues).map(([name, queue]) =>
      this.alarm(`${name}DeadLetters`, {
        alarmDescription: `Messages in the ${name} dead-letter queue: work that failed every retry and waits for an operator.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      }),
    );
    this.alarm('ExportExecutionsFailed', {
      alarmDescription:
        'An export saga execution failed: the export was compensated, or compensation itself failed and needs a redrive.',
      metric: props.exportStateMachine.metricFailed({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.alarm('ExportExecutionsTimedOut', {
      alarmDescription: 'An export saga execution ran into its time limit without compensating.',
      metric: props.exportStateMachine.metricTimedOut({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.alarm('MonthlyCloseFailed', {
      alarmDescription:
        'A monthly close run failed or ended incomplete: some period invoices or automatic exports are missing. See the "Monthly close finished" log line; running the close again for the month creates only what is missing.',
      metric: new cloudwatch.MathExpression({
        expression: 'failed + timedOut',
        usingMetrics: {
          failed: props.monthlyCloseStateMachine.metricFailed({ period: fiveMinutes, statistic: 'Sum' }),
          timedOut: props.monthlyCloseStateMachine.metricTimedOut({ period: fiveMinutes, statistic: 'Sum' }),
        },
        period: fiveMinutes,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.alarm('Api5xx', {
      alarmDescription:
        'The API answered 5xx: bad input must never cause one, so each is a bug or an outage.',
      metric: props.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    // One alarm per function rather than one metric-math sum: an alarm's math may hold at most 10
    // metrics, the catalog will outgrow that, and the alarm's name then says which function broke.
    for (const [name, fn] of props.functions) {
      if (!props.errorsAreRetrySignals?.includes(name)) {
        this.alarm(`${name}-errors`, {
          alarmDescription: `${name} threw (or timed out).`,
          metric: fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        });
      }
      this.alarm(`${name}-throttles`, {
        alarmDescription: `${name} was throttled by Lambda (account or reserved concurrency exhausted).`,
        metric: fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }
    const accountingThrottled = new cloudwatch.Metric({
      ...accountingThrottledMetric,
      dimensionsMap: { ...accountingThrottledMetric.dimensionsMap },
      period: fiveMinutes,
      statistic: 'Sum',
    });
    // Occasional 429s are expected and retried; only a sustained stream means exports are too eager
    // for the accounting system (lower exportMaxConcurrency) or it is having a bad day.
    this.alarm('AccountingThrottled', {
      alarmDescription: 'The accounting systems keep answering 429 to exports.',
      metric: accountingThrottled,
      threshold: props.accountingThrottleThreshold ?? 20,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });

    // Requeued exports are the sweeper doing its job; one it had to fail is an export a person
    // asked for that never ran.
    this.alarm('ExportsNeverStarted', {
      alarmDescription:
        'An export job never started (its queue message was lost, or no saga run took it up): the sweeper failed it and freed its month.',
      metric: new cloudwatch.Metric({
        ...exportSweepMetric('ExportsNeverStarted'),
        dimensionsMap: { ...exportSweepMetric('ExportsNeverStarted').dimensionsMap },
        period: fiveMinutes,
        statistic: 'Sum',
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    // A sync that could not read an accounting system, or found a booked number another invoice
    // carries: the invoices do not show what the books say until someone looks.
    const bookingSyncErrors = new cloudwatch.Metric({
      ...bookingSyncMetric,
      dimensionsMap: { ...bookingSyncMetric.dimensionsMap },
      period: Duration.hours(1),
      statistic: 'Sum',
    });
    this.alarm('BookingSyncFailing', {
      alarmDescription:
        'Booking sync recorded errors (an accounting system could not be read, or a booked number is already another invoice’s): GET /integration/{system}/sync shows which integration and why.',
      metric: bookingSyncErrors,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? 'Faktura',
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Is billing healthy? (every alarm)',
        alarms: this.alarms,
        width: 24,
        height: 4,
        sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
      }),
    );
    this.dashboard.addWidgets(...apiWidgets(props.httpApi));
    this.dashboard.addWidgets(...functionWidgets(props.functions));
    this.dashboard.addWidgets(
      graph('Export executions', [
        props.exportStateMachine.metricStarted({ period: fiveMinutes, statistic: 'Sum', label: 'started' }),
        props.exportStateMachine.metricSucceeded({
          period: fiveMinutes,
          statistic: 'Sum',
          label: 'succeeded',
        }),
        props.exportStateMachine.metricFailed({ period: fiveMinutes, statistic: 'Sum', label: 'failed' }),
      ]),
      graph(
        'Dead-letter queue depth',
        deadLetterAlarms.map((alarm) => alarm.metric),
      ),
      graph('Accounting API throttles (429)', [accountingThrottled.with({ label: 'accounting API 429s' })]),
    );
    this.dashboard.addWidgets(
      graph('Monthly close runs', [
        props.monthlyCloseStateMachine.metricSucceeded({
          period: fiveMinutes,
          statistic: 'Sum',
          label: 'succeeded',
        }),
        props.monthlyCloseStateMachine.metricFailed({
          period: fiveMinutes,
          statistic: 'Sum',
          label: 'failed',
        }),
      ]),
      graph('Booking sync errors', [
        bookingSyncErrors.with({ label: 'errors recorded by booking sync runs' }),
      ]),
      graph('Monthly close: period invoices and failures', [
        new cloudwatch.Metric({
          ...monthlyCloseMetric('MonthlyCloseInvoicesCreated'),
          period: Duration.hours(1),
          statistic: 'Sum',
          label: 'period invoices created',
        }),
        new cloudwatch.Metric({
          ...monthlyCloseMetric('MonthlyCloseFailures'),
          period: Duration.hours(1),
          statistic: 'Sum',
          label: 'failures',
        }),
      ]),
    );
  }

  private alarm(
    id: string,
    props: Omit<cloudwatch.AlarmProps, 'evaluationPeriods'> & { evaluationPeriods?: number },
  ) {
    const alarm = new cloudwatch.Alarm(this, id, {
      evaluationPeriods: 1,
      // No traffic is not a failure: a quiet night must not page anyone.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(this.alarmAction);
    alarm.addOkAction(this.alarmAction);
    this.alarms.push(alarm);
    return alarm;
  }
}

function graph(title: string, metrics: cloudwatch.IMetric[], width = 8): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width, height: 6 });
}

function apiWidgets(api: apigwv2.IHttpApi): cloudwatch.IWidget[] {
  return [
    graph('API requests', [api.metricCount({ period: fiveMinutes, statistic: 'Sum', label: 'requests' })], 6),
    graph(
      'API latency',
      [
        api.metricLatency({ period: fiveMinutes, statistic: 'p50', label: 'p50' }),
        api.metricLatency({ period: fiveMinutes, statistic: 'p99', label: 'p99' }),
      ],
      6,
    ),
    graph('API 4xx', [api.metricClientError({ period: fiveMinutes, statistic: 'Sum', label: '4xx' })], 6),
    graph('API 5xx', [api.metricServerError({ period: fiveMinutes, statistic: 'Sum', label: '5xx' })], 6),
  ];
}

function functionWidgets(functions: ReadonlyMap<string, lambda.IFunction>): cloudwatch.IWidget[] {
  const each = [...functions];
  return [
    graph(
      'Lambda errors',
      each.map(([name, fn]) => fn.metricErrors({ period: fiveMinutes, statistic: 'Sum', label: name })),
      12,
    ),
    graph(
      'Lambda throttles',
      each.map(([name, fn]) => fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum', label: name })),
      12,
    ),
  ];
}
