import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { closeScheduleSource } from '#domain/monthly-close/close-run';
import { acknowledgeWildcardResource } from '../nag.ts';

/** The time zone of the monthly close: the resellers' books are kept in Danish time. */
export const monthlyCloseTimeZone = 'Europe/Copenhagen';

export interface MonthlyCloseScheduleProps {
  /** The worker that turns the month's current items into period invoices and queues their export. */
  readonly target: lambda.IFunction;
}

/**
 * The monthly close: EventBridge Scheduler invokes the worker at 02:00 Copenhagen time on the 1st
 * of every month, summer time or not (Scheduler, unlike an EventBridge rule, keeps the time zone).
 *
 * The event carries the scheduled time, not "now", so a delayed or retried invocation still closes
 * the right month. Invocations that still fail after Scheduler's retries land in a dead-letter
 * queue (alarmed by the observability construct) instead of vanishing.
 */
export class MonthlyCloseSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  readonly deadLetterQueue: sqs.Queue;
  /** The role Scheduler assumes to invoke the worker. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MonthlyCloseScheduleProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of the monthly close schedule; it needs none of its own.',
    });

    // A role of our own (not the one the target would share across the stack), so that what it may
    // invoke is acknowledged here, next to the schedule that needs it.
    this.role = new iam.Role(this, 'InvokeRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invokes the Faktura monthly close',
    });
    acknowledgeWildcardResource(
      this.role,
      `${props.target.functionArn}:*`,
      'The Scheduler Lambda target grants invoking the versions and aliases of the monthly close worker (<arn>:*); the worker itself is the only target.',
    );

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Faktura monthly close: period invoices for the month that just ended, then their export',
      schedule: scheduler.ScheduleExpression.cron({
        minute: '0',
        hour: '2',
        day: '1',
        timeZone: TimeZone.of(monthlyCloseTimeZone),
      }),
      target: new LambdaInvoke(props.target, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject({
          // What the close's start reads: `scheduledTime` (ISO 8601, UTC) tells it which month just ended.
          source: closeScheduleSource,
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 10,
        maxEventAge: Duration.hours(6),
      }),
    });
  }
}
