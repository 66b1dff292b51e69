import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CloseOutcome } from '#app/ports/store';
import type { Db } from './db.ts';
import { fromItem } from './item.ts';
import { closeOutcomeKey, closeRunPartition } from './keys.ts';
import { queryAll } from './query-all.ts';

/** Keep a run's outcomes for a year: enough to answer "what did the close do in March?". */
const keepSeconds = 366 * 24 * 3600;

/** What each run of the monthly close did, per reseller. */
export const closeRepository = (db: Db) => {
  const putCloseOutcome = async (outcome: CloseOutcome): Promise<void> => {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...closeOutcomeKey(outcome.month, outcome.run, outcome.reseller),
          type: 'close-outcome',
          ...outcome,
          expiresAt: Math.floor(Date.parse(outcome.recordedAt) / 1000) + keepSeconds,
        },
      }),
    );
  };

  const listCloseOutcomes = async (month: string, run: string): Promise<CloseOutcome[]> =>
    (
      await queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': closeRunPartition(month, run) },
      })
    ).map((item) => fromItem<CloseOutcome>(item));

  /**
   * Records that the reseller's accounting contact was told of its refused automatic exports, so
   * that a retried report does not tell them again. False when an earlier attempt already had.
   */
  const markRefusalsNotified = async (
    outcome: Pick<CloseOutcome, 'month' | 'run' | 'reseller'>,
    at: string,
  ): Promise<boolean> => {
    try {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
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

  return { putCloseOutcome, listCloseOutcomes, markRefusalsNotified };
};
