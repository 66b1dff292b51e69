import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  type LambdaInvokeProps,
  SqsSendMessage,
  StepFunctionsStartExecution,
} from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { monthlyCloseTasks } from '../catalog.ts';
import type { ClosePaging } from '../monthly-close-history.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import { lambdaTask, loggedStateMachine, type TaskFunctions } from './lambda-state-machine.ts';

/** A Task state of the close; its name is a contract with the local runtime (it keys handlers by state name). */
export type MonthlyCloseTask = keyof typeof monthlyCloseTasks;

/** The error the run ends with when a customer, a reseller or an automatic export failed. */
export const closeIncompleteError = 'MonthlyCloseIncomplete';

/** The state that starts one group's child execution and waits for it. */
export const closeGroupTask = 'CloseResellerGroup';

export interface MonthlyCloseMachineProps extends TaskFunctions, Partial<ClosePaging> {
  /** Where the automatic exports' requests go: the export request queue. */
  readonly exportRequests: sqs.IQueue;
  readonly logRetention?: logs.RetentionDays;
}

/** The state that sends one automatic export's request to the export request queue. */
export const queueAutoExportTask = 'QueueAutoExport';

/** The defaults: 2 groups of 25 resellers, so 50 resellers are closed at once (docs/performance.md). */
export const defaultClosePaging: ClosePaging = { resellersPerGroup: 25, groupsPerPage: 2 };

/**
 * The monthly close: two Standard state machines. The run (`monthly-close`, one execution per run,
 * started by the `monthly-close` function) pages through the resellers; each page is a few groups,
 * and each group is a child execution (`monthly-close-group`) that closes its resellers at once.
 *
 * ```
 * run:    Begin ─▶ PlanClose ─▶ CloseGroups (Map, a few at a time: CloseResellerGroup, startExecution.sync:2)
 *                    ▲           ─▶ MoreResellers ─┬─▶ NextPage ─┘ (the cursor of the next page)
 *                    └──────────────────────────────┘
 *                                                  └─▶ ReportClose ─▶ Outcome ─┬─▶ CloseSucceeded
 *                                                                              └─▶ CloseIncomplete
 * group:  CloseResellers (Map, every reseller of the group at once:
 *           CloseCustomers ⟲ MoreCustomers ─▶ FinishReseller ─▶ QueueAutoExports (Map: QueueAutoExport, sqs:sendMessage)
 *           any failure before ─▶ RecordResellerFailure)
 *           ─▶ GroupClosed
 * ```
 *
 * Why the state machine sends the automatic exports' requests, not FinishReseller: that function
 * accepts them with the API's own checks against the accounting system (both adapters, the
 * store, Secrets Manager), and SQS's client on top kept it over the 300 KB a worker may weigh
 * (docs/performance.md). It answers the messages (packages/wiring/src/deferred-export-queue.ts);
 * `QueueAutoExport` sends each, retried; one that still cannot be sent leaves its job `queued`
 * without a message, which the export sweeper sends within minutes (as after a crash between the
 * two), so the reseller's outcome stays what it is.
 *
 * Why two machines: an execution's history is limited to 25,000 events, and closing one reseller of
 * 1,000 customers writes ~150 (7 per page of 50 customers). One inline Map over every reseller (what
 * this was) holds ~1,000 resellers at most; 10,000 need their events spread over executions. A
 * Distributed Map would do it in AWS, but the local runtime runs this very definition in
 * `aws-local-stepfunctions`, which has none; `startExecution.sync:2` it can be given (the local
 * runtime starts the child on the same interpreter). So the groups are child executions of
 * `resellersPerGroup` resellers (~3,700 events for 25 resellers of 1,000 customers), and the run
 * itself writes ~29 events per page of `groupsPerPage × resellersPerGroup` resellers (~5,800 for
 * 10,000 resellers; it passes 25,000 only beyond ~43,000 resellers, where a larger group is the
 * setting to raise). `infra/monthly-close-history.ts` computes both from this shape.
 *
 * Why pages: PlanClose returns one page of reseller ids and a cursor, not every reseller, so every
 * state stays small whatever the number of resellers (a page of 50 ids is ~2 KB; 10,000 would be
 * ~300 KB, over the 256 KB limit). Why the Maps discard their results: each reseller's outcome is
 * written to the table by FinishReseller, and ReportClose reads them from there.
 *
 * Why these numbers: `groupsPerPage × resellersPerGroup` resellers are closed at once (50 by
 * default), each by one CloseCustomers invocation at a time, so the close runs ~50 Lambdas at once,
 * far inside the account's 1,000; at the measured cost per customer the night's 10,000 × 1,000 take
 * about two hours (docs/performance.md, section 8), inside the 6-hour timeout. A group beyond 40
 * resellers gains nothing: an inline Map runs at most 40 iterations at once in AWS.
 *
 * Every step is idempotent (period invoices have ids derived from customer and month, outcomes are
 * keyed by run and reseller), so a retry, a redrive or a second run creates nothing twice; a group
 * whose child fails is started again as a new child (Step Functions names it), which finds its
 * customers closed. Why JSONPath: the local runtime runs this definition (see export-saga.ts).
 */
export class MonthlyCloseMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  /** The child machine: one execution per group of resellers. */
  readonly groupStateMachine: sfn.StateMachine;
  readonly paging: ClosePaging;

  constructor(scope: Construct, id: string, props: MonthlyCloseMachineProps) {
    super(scope, id);
    const paging: ClosePaging = {
      resellersPerGroup: props.resellersPerGroup ?? defaultClosePaging.resellersPerGroup,
      groupsPerPage: props.groupsPerPage ?? defaultClosePaging.groupsPerPage,
    };
    this.paging = paging;
    const retried = <T extends sfn.TaskStateBase>(task: T): T => {
      task.addRetry({
        // Every step is idempotent, so any error is worth a few retries before the run gives up.
        errors: [sfn.Errors.ALL],
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxAttempts: 3,
        jitterStrategy: sfn.JitterType.FULL,
      });
      return task;
    };
    const invoke = (
      state: MonthlyCloseTask,
      options: Partial<LambdaInvokeProps> = {},
      within: Construct = this,
    ) => retried(lambdaTask(within, state, monthlyCloseTasks[state], props, options));
    const run = {
      month: sfn.JsonPath.stringAt('$.month'),
      run: sfn.JsonPath.stringAt('$.run'),
    };
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;

    // The group: every reseller of the group at once. The iteration's state is the reseller's own:
    // month, run, reseller, cursor, tally.
    const group = new Construct(this, 'Group');
    const recordFailure = invoke('RecordResellerFailure', { resultPath: sfn.JsonPath.DISCARD }, group);
    const onFailure = { errors: [sfn.Errors.ALL], resultPath: '$.error' };
    const finish = invoke('FinishReseller', { resultPath: '$.finished' }, group).addCatch(
      recordFailure,
      onFailure,
    );
    const queueAutoExport = retried(
      new SqsSendMessage(group, queueAutoExportTask, {
        queue: props.exportRequests,
        messageBody: sfn.TaskInput.fromJsonPathAt('$.MessageBody'),
        messageGroupId: sfn.JsonPath.stringAt('$.MessageGroupId'),
        messageDeduplicationId: sfn.JsonPath.stringAt('$.MessageDeduplicationId'),
        resultPath: sfn.JsonPath.DISCARD,
      }),
    ).addCatch(new sfn.Pass(group, 'AutoExportLeftToSweeper'), { errors: [sfn.Errors.ALL] });
    finish.next(
      new sfn.Map(group, 'QueueAutoExports', {
        itemsPath: '$.finished.exportRequests',
        resultPath: sfn.JsonPath.DISCARD,
      }).itemProcessor(queueAutoExport),
    );
    const closeCustomers = invoke('CloseCustomers', {}, group).addCatch(recordFailure, onFailure);
    const moreCustomers = new sfn.Choice(group, 'MoreCustomers')
      .when(sfn.Condition.booleanEquals('$.done', false), closeCustomers)
      .otherwise(finish);
    closeCustomers.next(moreCustomers);
    const closeResellers = new sfn.Map(group, 'CloseResellers', {
      itemsPath: '$.resellers',
      itemSelector: { ...run, reseller: sfn.JsonPath.stringAt('$$.Map.Item.Value') },
      maxConcurrency: paging.resellersPerGroup,
      resultPath: sfn.JsonPath.DISCARD,
    }).itemProcessor(closeCustomers);
    closeResellers.next(new sfn.Succeed(group, 'GroupClosed'));
    ({ stateMachine: this.groupStateMachine } = loggedStateMachine(group, {
      kind: 'monthly-close-group',
      comment: "Faktura monthly close, one group of resellers: a child of the close's run",
      definition: closeResellers,
      timeout: Duration.hours(3),
      logRetention,
      taskFunctions: ['monthly-close-customers', 'monthly-close-finish'],
      functions: props,
    }));

    // The run.
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

    const closeGroup = retried(
      new StepFunctionsStartExecution(this, closeGroupTask, {
        stateMachine: this.groupStateMachine,
        integrationPattern: sfn.IntegrationPattern.RUN_JOB,
        // The child's input names the run's execution, so the console links each child to the run.
        associateWithParent: true,
        input: sfn.TaskInput.fromObject({ ...run, resellers: sfn.JsonPath.listAt('$.resellers') }),
        // The child's output (its input and the Map's) is of no use to the run: nothing grows.
        resultPath: sfn.JsonPath.DISCARD,
      }),
    );
    const closeGroups = new sfn.Map(this, 'CloseGroups', {
      itemsPath: '$.plan.groups',
      itemSelector: { ...run, resellers: sfn.JsonPath.listAt('$$.Map.Item.Value') },
      maxConcurrency: paging.groupsPerPage,
      resultPath: sfn.JsonPath.DISCARD,
    }).itemProcessor(closeGroup);

    // Handed the whole state (month, run, the page's shape and, after the first page, the cursor);
    // answers { groups, cursor? }: at most one page of ids.
    const plan = invoke('PlanClose', { resultPath: '$.plan' });
    plan.next(closeGroups);
    const nextPage = new sfn.Pass(this, 'NextPage', {
      parameters: { ...run, 'page.$': '$.page', 'cursor.$': '$.plan.cursor' },
    });
    nextPage.next(plan);
    closeGroups.next(
      new sfn.Choice(this, 'MoreResellers')
        .when(sfn.Condition.isPresent('$.plan.cursor'), nextPage)
        .otherwise(report),
    );

    // The run is the execution's name: every step writes and reads that run's outcomes.
    const begin = new sfn.Pass(this, 'Begin', {
      parameters: { 'month.$': '$.month', 'run.$': '$$.Execution.Name', page: { ...paging } },
    });
    begin.next(plan);

    ({ stateMachine: this.stateMachine, logGroup: this.logGroup } = loggedStateMachine(this, {
      kind: 'monthly-close',
      comment: 'Faktura monthly close: period invoices for a closed month, then the automatic exports',
      definition: begin,
      timeout: Duration.hours(6),
      logRetention,
      taskFunctions: ['monthly-close-plan', 'monthly-close-report'],
      functions: props,
    }));
    // What StepFunctionsStartExecution grants for .sync: describing and stopping the group's
    // executions, whose names Step Functions makes up, hence the wildcard after the machine's name.
    const stack = Stack.of(this);
    acknowledgeWildcardResource(
      this.stateMachine.role,
      stack.formatArn({
        service: 'states',
        resource: 'execution',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        resourceName: `${stack.splitArn(this.groupStateMachine.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName}*`,
      }),
      "startExecution.sync:2 describes and stops the group's child executions, named by Step Functions when started: any execution of the monthly-close-group machine, no other.",
    );
  }
}
