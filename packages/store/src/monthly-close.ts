import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountingSystemName } from '#domain/integration';
import { documentClient, tableName } from './client.ts';
import { fromItem } from './item.ts';
import { closeOutcomeKey, closeRunPartition } from './keys.ts';
import { queryAll } from './query-all.ts';

/** What the monthly close did for one reseller's customers. */
export interface CloseTally {
  /** Period invoices this run wrote. */
  readonly created: number;
  /** Period invoices an earlier run had already written (nothing was written again). */
  readonly existed: number;
  /** Customers with items of which none is billed this month (e.g. a quarterly item off its month). */
  readonly nothingBilled: number;
  /** Customers whose period invoice could not be written; each is in `failures` (the first 20). */
  readonly failed: number;
  readonly failures: readonly { readonly customer: string; readonly reason: string }[];
}

/** The automatic export of one accounting system after the close. */
export interface AutoExportOutcome {
  readonly system: AccountingSystemName;
  readonly status: 'queued' | 'nothing-to-export' | 'already-running' | 'refused';
  readonly exportId?: string;
  readonly exported?: number;
  /** Why it was refused: the export API's message key and description, with every problem. */
  readonly problem?: { readonly key: string; readonly description: string; readonly details?: string[] };
}

export interface CloseOutcome {
  readonly month: string;
  readonly run: string;
  readonly reseller: string;
  readonly tally?: CloseTally;
  readonly exports: readonly AutoExportOutcome[];
  /** The reseller's close stopped on an error the retries did not get past. */
  readonly error?: string;
  readonly recordedAt: string;
  /** When the accounting contact was e-mailed about this reseller's refused automatic exports. */
  readonly refusalsNotifiedAt?: string;
}

/** Keep a run's outcomes for a year: enough to answer "what did the close do in March?". */
const keepSeconds = 366 * 24 * 3600;

export const putCloseOutcome = async (outcome: CloseOutcome): Promise<void> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...closeOutcomeKey(outcome.month, outcome.run, outcome.reseller),
        type: 'close-outcome',
        ...outcome,
        expiresAt: Math.floor(Date.parse(outcome.recordedAt) / 1000) + keepSeconds,
      },
    }),
  );
};

export const listCloseOutcomes = async (month: string, run: string): Promise<CloseOutcome[]> =>
  (
    await queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': closeRunPartition(month, run) },
    })
  ).map((item) => fromItem<CloseOutcome>(item));

/**
 * Records that the reseller's accounting contact was told of its refused automatic exports, so
 * that a retried report does not tell them again. False when an earlier attempt already had.
 */
export const markRefusalsNotified = async (
  outcome: Pick<CloseOutcome, 'month' | 'run' | 'reseller'>,
  at: string,
): Promise<boolean> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: closeOutcomeKey(outcome.month, outcome.run, outcome.reseller),
        UpdateExpression: 'SET refusalsNotifiedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(refusalsNotifiedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};
