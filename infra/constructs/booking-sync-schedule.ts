import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag.ts';

export interface BookingSyncScheduleProps {
  readonly target: lambda.IFunction;
  /** Minutes between runs (the `bookingSyncEveryMinutes` setting; hourly by default). */
  readonly everyMinutes: number;
}

/**
 * EventBridge Scheduler invokes booking sync (functions/bookings/sync.ts) for every connected
 * integration. A run that fails is the next one's work: each run reads what the accounting systems
 * hold now and changes an invoice only once, so the target has no retries and no dead-letter queue;
 * the function's error alarm and `BookingSyncErrors` say when it matters.
 */
export class BookingSyncSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BookingSyncScheduleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'InvokeRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invokes the Faktura booking sync',
    });
    acknowledgeWildcardResource(
      this.role,
      `${props.target.functionArn}:*`,
      'The Scheduler Lambda target grants invoking the versions and aliases of the booking sync (<arn>:*); the sync itself is the only target.',
    );
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Faktura: reads what the accounting systems booked and paid onto the invoices',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(props.everyMinutes)),
      target: new LambdaInvoke(props.target, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject({}),
        retryAttempts: 0,
        maxEventAge: Duration.minutes(Math.max(1, Math.min(props.everyMinutes, 1440))),
      }),
    });
  }
}
