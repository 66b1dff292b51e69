import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { monthlyCloseTasks } from '../catalog.ts';
import { lambdaTask, loggedStateMachine, type TaskFunctions } from './lambda-state-machine.ts';

/** A Task state of the close; its name is a contract with the local runtime (it keys handlers by state name). */
export type MonthlyCloseTask = keyof typeof monthlyCloseTasks;

/** The error the run ends with when a customer, a reseller or an automatic export failed. */
export const closeIncompleteError = 'MonthlyCloseIncomplete';

export interface MonthlyCloseMachineProps extends TaskFunctions {
  /**
   * How many resellers are closed at once. Default 4: the table is on-demand and each reseller's
   * automatic export goes to its own accounting system, so the limit only keeps the run gentle.
   */
  readonly maxConcurrency?: number;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The monthly close: a Standard state machine, one execution per run (`monthly-close` starts it).
 *
 * ```
 * Begin ─▶ PlanClose ─▶ CloseResellers (Map, per reseller:
 *            CloseCustomers ⟲ MoreCustomers ─▶ FinishReseller;   any failure ─▶ RecordResellerFailure)
 *   ─▶ ReportClose ─▶ Outcome ─┬─▶ CloseSucceeded
 *                              └─▶ CloseIncomplete (something failed: the run shows red; run it again)
 * ```
 *
 * Why a state machine: no single invocation has to get through every customer of the platform;
 * each CloseCustomers call closes one page of one reseller's customers and is retried on its own.
 * Every step is idempotent (period invoices have ids derived from customer and month), so a retry,
 * a redrive or a second run creates nothing twice. Why the Map discards its results: each
 * reseller's outcome is written to the table by FinishReseller, and the state stays the same size
 * whatever the number of resellers. Why JSONPath: the local runtime runs this very definition in
 * `aws-local-stepfunctions` (see export-saga.ts). With an inline Map, one run's history grows by
 * about 15 events per reseller and 6 per page of 50 customers: ~1,000 resellers stay well inside
 * the 25,000-event limit; beyond that the Map becomes a distributed one.
 */
export class MonthlyCloseMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: MonthlyCloseMachineProps) {
    super(scope, id);
    const invoke = (state: MonthlyCloseTask, options: Partial<LambdaInvokeProps> = {}) =>
      lambdaTask(this, state, monthlyCloseTasks[state], props, options).addRetry({
        // Every step is idempotent, so any error is worth a few retries before the run gives up.
        errors: [sfn.Errors.ALL],
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxAttempts: 3,
        jitterStrategy: sfn.JitterType.FULL,
      });
    const run = {
      month: sfn.JsonPath.stringAt('$.month'),
      run: sfn.JsonPath.stringAt('$.run'),
    };

    const succeeded = new sfn.Succeed(this, 'CloseSucceeded');
    const incomplete = new sfn.Fail(this, 'CloseIncomplete', {
      error: closeIncompleteError,
      cause:
        'Some period invoices or automatic exports failed: see the ReportClose output and the "Monthly close finished" log line. Running the close again for the month creates only what is missing.',
    });
    const outcome = new sfn.Choice(this, 'Outcome')
      .when(sfn.Condition.numberGreaterThan('$.summary.failures', 0), incomplete)
      .otherwise(succeeded);
    const report = invoke('ReportClose', { payload: sfn.TaskInput.fromObject(run), resultPath: '$.summary' });
    report.next(outcome);

    // Per reseller. The iteration's state is the reseller's own: month, run, reseller, cursor, tally.
    const recordFailure = invoke('RecordResellerFailure', { resultPath: sfn.JsonPath.DISCARD });
    const onFailure = { errors: [sfn.Errors.ALL], resultPath: '$.error' };
    const finish = invoke('FinishReseller', { resultPath: sfn.JsonPath.DISCARD }).addCatch(
      recordFailure,
      onFailure,
    );
    const closeCustomers = invoke('CloseCustomers').addCatch(recordFailure, onFailure);
    const moreCustomers = new sfn.Choice(this, 'MoreCustomers')
      .when(sfn.Condition.booleanEquals('$.done', false), closeCustomers)
      .otherwise(finish);
    closeCustomers.next(moreCustomers);

    const closeResellers = new sfn.Map(this, 'CloseResellers', {
      itemsPath: '$.plan.resellers',
      itemSelector: { ...run, reseller: sfn.JsonPath.stringAt('$$.Map.Item.Value') },
      maxConcurrency: props.maxConcurrency ?? 4,
      resultPath: sfn.JsonPath.DISCARD,
    }).itemProcessor(closeCustomers);
    closeResellers.next(report);

    const plan = invoke('PlanClose', {
      payload: sfn.TaskInput.fromObject(run),
      resultSelector: { resellers: sfn.JsonPath.listAt('$.resellers') },
      resultPath: '$.plan',
    });
    plan.next(closeResellers);

    // The run is the execution's name: every step writes and reads that run's outcomes.
    const begin = new sfn.Pass(this, 'Begin', {
      parameters: { 'month.$': '$.month', 'run.$': '$$.Execution.Name' },
    });
    begin.next(plan);

    ({ stateMachine: this.stateMachine, logGroup: this.logGroup } = loggedStateMachine(this, {
      kind: 'monthly-close',
      comment: 'Faktura monthly close: period invoices for a closed month, then the automatic exports',
      definition: begin,
      timeout: Duration.hours(6),
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      taskFunctions: Object.values(monthlyCloseTasks),
      functions: props,
    }));
  }
}
