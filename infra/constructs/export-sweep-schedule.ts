import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag.ts';

/** How often the sweeper of exports that never started runs (functions/export/sweep-queued.ts). */
export const exportSweepEveryMinutes = 2;
/** How long an export may wait for its saga after its message went out before it is queued again. */
export const exportStartWithinSeconds = 180;

export interface ExportSweepScheduleProps {
  readonly target: lambda.IFunction;
}

/**
 * EventBridge Scheduler invokes the sweeper every few minutes: an export job that waits `queued`
 * longer than it should gets its message again, or, after a few tries, is failed with its month
 * freed. A sweep that fails is simply the next one's work (two minutes later), so the target has
 * no dead-letter queue; the function's error alarm and `ExportsNeverStarted` say when it matters.
 */
export class ExportSweepSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ExportSweepScheduleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'InvokeRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invokes the Faktura sweeper of exports that never started',
    });
    acknowledgeWildcardResource(
      this.role,
      `${props.target.functionArn}:*`,
      'The Scheduler Lambda target grants invoking the versions and aliases of the export sweeper (<arn>:*); the sweeper itself is the only target.',
    );
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Faktura: queues again, or fails, export jobs that never started',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(exportSweepEveryMinutes)),
      target: new LambdaInvoke(props.target, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject({ startWithinSeconds: exportStartWithinSeconds }),
        retryAttempts: 0,
        maxEventAge: Duration.minutes(exportSweepEveryMinutes),
      }),
    });
  }
}
