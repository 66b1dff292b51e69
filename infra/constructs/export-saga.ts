import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
// The errors the export-batch worker throws (as `error.name`) for a failure worth retrying.
import { retryableAccountingErrors } from '#domain/accounting-failures';
import { exportSagaTasks } from '../catalog.ts';
import { lambdaTask, loggedStateMachine, type TaskFunctions } from './lambda-state-machine.ts';

/** A Task state of the saga; its name is a contract with the local runtime (it keys handlers by state name). */
export type ExportSagaTask = keyof typeof exportSagaTasks;

/** Errors of the Lambda service itself (not of our code), always worth a retry. */
export const lambdaServiceErrors = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
] as const;

/**
 * An invocation that died instead of answering: the function ran past its timeout
 * (`Sandbox.Timedout`), the Task's own timeout fired (`States.Timeout`), or the runtime crashed or
 * was killed (`Runtime.ExitError`, e.g. out of memory). For export-batch these are worth a retry:
 * the batch resumes from its ledger, skipping the drafts recorded as created and looking up by
 * reference the ones whose creation was under way.
 */
export const interruptedInvocationErrors = [
  'Sandbox.Timedout',
  'States.Timeout',
  'Runtime.ExitError',
] as const;

/** Where a failure is recorded in the state; `CompensateExport` and `NotifyExportFailed` read it. */
export const failurePath = '$.failure';

export interface ExportSagaProps extends TaskFunctions {
  /** How many batches of one export run at once, i.e. how hard one export leans on the accounting API. */
  readonly maxConcurrency: number;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Batches marked at once. A batch's marks take a few seconds of DynamoDB transactions; run two at
 * a time, a 1,000-invoice export spent ~3 s after its last draft before it was done.
 */
export const markBatchesAtOnce = 10;

/**
 * The export saga: a Standard state machine, one execution per export job.
 *
 * ```
 * PrepareExport ─▶ HasInvoices ─┬─▶ ListBatches ─▶ ExportBatches (Map: ExportBatch)
 *                               │     ─▶ MarkBatches (Map: MarkExportBatch) ─┐
 *                               └────────────────────────────────────────────┴─▶ FinalizeExport
 *   ─▶ NotifyExportSucceeded ─▶ ExportSucceeded
 * a failure in ExportBatches ─▶ CompensateBatches (Map: CompensateExportBatch ─▶ BatchCompensated,
 *                                  again while drafts are left) ─┐
 * a failure in PrepareExport ───────────────────────────────────┴─▶ CompensateExport
 *   ─▶ NotifyExportFailed ─▶ ExportFailed
 * (once every draft exists, marking and finishing retry instead: nothing is compensated)
 * ```
 *
 * Why JSONPath and no variables: the local runtime runs this very definition in
 * `aws-local-stepfunctions`, which ignores JSONata and `Assign`. Why a Map over batch indexes and
 * not over invoices: the state carries ids only (256 KB limit) and a long export must stay far
 * below the 25,000-event history limit. The Map's results are discarded for the same reason.
 */
export class ExportSaga extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ExportSagaProps) {
    super(scope, id);
    const invoke = (state: ExportSagaTask, options: Partial<LambdaInvokeProps> = {}) =>
      lambdaTask(this, state, exportSagaTasks[state], props, options);
    const retryLambdaServiceErrors: sfn.RetryProps = {
      errors: [...lambdaServiceErrors],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 3,
      jitterStrategy: sfn.JitterType.FULL,
    };

    // What each iteration of either Map over the batches gets: ids and its batch index, nothing more.
    const batchItem = {
      exportId: sfn.JsonPath.stringAt('$.exportId'),
      reseller: sfn.JsonPath.stringAt('$.reseller'),
      system: sfn.JsonPath.stringAt('$.system'),
      batch: sfn.JsonPath.numberAt('$$.Map.Item.Value'),
    };

    const exportFailed = new sfn.Fail(this, 'ExportFailed', {
      error: 'ExportFailed',
      cause: 'The export failed and was compensated: the drafts it had created were deleted.',
    });
    const notifyFailed = invoke('NotifyExportFailed', { resultPath: sfn.JsonPath.DISCARD })
      .addRetry(retryLambdaServiceErrors)
      // A failed e-mail must not hide the export's outcome, which the export job already records.
      .addCatch(exportFailed, { errors: [sfn.Errors.ALL], resultPath: '$.notifyError' });
    notifyFailed.next(exportFailed);

    // No Catch here: if compensation itself keeps failing, the execution fails at this state, the
    // ExecutionsFailed alarm fires, and an operator redrives the execution from this very state.
    const retryCompensation: sfn.RetryProps = {
      errors: [sfn.Errors.ALL],
      interval: Duration.seconds(5),
      backoffRate: 2,
      maxAttempts: 5,
      jitterStrategy: sfn.JitterType.FULL,
    };
    const compensate = invoke('CompensateExport', { resultPath: '$.compensated' }).addRetry(
      retryCompensation,
    );
    compensate.next(notifyFailed);
    const onFailure = { errors: [sfn.Errors.ALL], resultPath: failurePath };

    // Each batch's drafts deleted by invocations of their own, each stopping before its timeout
    // and called again while drafts are left (packages/app/src/exports/compensate-export-batch.ts):
    // a large export's deletions outlast any one invocation. No Catch: a batch that keeps failing
    // fails the execution here, for an operator's redrive, like CompensateExport.
    const compensateBatch = invoke('CompensateExportBatch', { resultPath: '$.compensation' }).addRetry(
      retryCompensation,
    );
    const batchCompensated = new sfn.Choice(this, 'BatchCompensated')
      .when(sfn.Condition.numberGreaterThan('$.compensation.left', 0), compensateBatch)
      .otherwise(new sfn.Succeed(this, 'BatchDraftsDeleted'));
    compensateBatch.next(batchCompensated);
    // As many batches at once as made drafts: the accounting system takes deletions at the rate it
    // took the creates.
    const compensateBatches = new sfn.Map(this, 'CompensateBatches', {
      itemsPath: '$.batches.indexes',
      itemSelector: batchItem,
      maxConcurrency: props.maxConcurrency,
      resultPath: sfn.JsonPath.DISCARD,
    }).itemProcessor(compensateBatch);
    compensateBatches.next(compensate);

    const succeeded = new sfn.Succeed(this, 'ExportSucceeded');
    const notifySucceeded = invoke('NotifyExportSucceeded', { resultPath: sfn.JsonPath.DISCARD })
      .addRetry(retryLambdaServiceErrors)
      .addCatch(succeeded, { errors: [sfn.Errors.ALL], resultPath: '$.notifyError' });
    notifySucceeded.next(succeeded);

    // From here on every draft exists: a failure must not compensate (that would delete the drafts
    // of an export that succeeded). Marking and finishing are idempotent, so they are retried on
    // any error; if they still fail, the execution fails at that state, the ExecutionsFailed alarm
    // fires, and an operator redrives it from there (infra/README.md).
    const retryToTheEnd: sfn.RetryProps = {
      errors: [sfn.Errors.ALL],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 6,
      jitterStrategy: sfn.JitterType.FULL,
    };
    const finalize = invoke('FinalizeExport', { resultPath: '$.finalized' }).addRetry(retryToTheEnd);
    finalize.next(notifySucceeded);

    const markBatch = invoke('MarkExportBatch', {
      resultPath: sfn.JsonPath.DISCARD,
      outputPath: '$.batch',
    }).addRetry(retryToTheEnd);
    // The same batches again, each marking its own invoices: no invocation marks a whole export.
    // More at once than the drafts: marking calls only DynamoDB, not the accounting system whose
    // load `maxConcurrency` bounds, and everything it waits for is the end of the export.
    const markBatches = new sfn.Map(this, 'MarkBatches', {
      itemsPath: '$.batches.indexes',
      itemSelector: batchItem,
      maxConcurrency: markBatchesAtOnce,
      resultPath: sfn.JsonPath.DISCARD,
    }).itemProcessor(markBatch);
    markBatches.next(finalize);

    const exportBatch = invoke('ExportBatch', {
      // Each iteration's output is its batch index only: the Map's collected output stays tiny.
      resultPath: sfn.JsonPath.DISCARD,
      outputPath: '$.batch',
    }).addRetry({
      errors: [...retryableAccountingErrors, ...lambdaServiceErrors, ...interruptedInvocationErrors],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 6,
      jitterStrategy: sfn.JitterType.FULL,
    });
    const exportBatches = new sfn.Map(this, 'ExportBatches', {
      itemsPath: '$.batches.indexes',
      itemSelector: batchItem,
      maxConcurrency: props.maxConcurrency,
      resultPath: sfn.JsonPath.DISCARD,
    })
      .itemProcessor(exportBatch)
      .addCatch(compensateBatches, onFailure);
    exportBatches.next(markBatches);

    // Parameters must be an object, so the indexes land at `$.batches.indexes` and the rest of the
    // state is kept as it is. States.ArrayRange yields at most 1,000 items: export-prepare must keep
    // batchCount ≤ 1000 (which also keeps the history far below 25,000 events).
    const listBatches = new sfn.Pass(this, 'ListBatches', {
      parameters: { 'indexes.$': 'States.ArrayRange(0, States.MathAdd($.prepared.batchCount, -1), 1)' },
      resultPath: '$.batches',
    });
    listBatches.next(exportBatches);

    const hasInvoices = new sfn.Choice(this, 'HasInvoices')
      .when(sfn.Condition.numberGreaterThan('$.prepared.batchCount', 0), listBatches)
      .otherwise(finalize);

    const prepare = invoke('PrepareExport', {
      // Only the count enters the state, whatever else the function returns.
      resultSelector: { batchCount: sfn.JsonPath.numberAt('$.batchCount') },
      resultPath: '$.prepared',
    })
      .addRetry(retryLambdaServiceErrors)
      .addCatch(compensate, onFailure);
    prepare.next(hasInvoices);

    ({ stateMachine: this.stateMachine, logGroup: this.logGroup } = loggedStateMachine(this, {
      kind: 'export',
      comment: 'Faktura export saga: one execution per export job',
      definition: prepare,
      timeout: Duration.hours(12),
      logRetention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      taskFunctions: Object.values(exportSagaTasks),
      functions: props,
    }));
  }
}
