import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { JobChanges } from '#app/ports/export-store';
import { ExportAlreadyRunning, type ExportBatch, type ExportRecord } from '#app/ports/store';
import { type ExportJob, type ExportStatus, exportMarkKey, type LedgerEntry } from '#domain/export-job';
import { batchGetAll } from './batch-get.ts';
import { cancellationCodes } from './cancellation.ts';
import type { Db } from './db.ts';
import { directoryPut, directoryRepository } from './directory.ts';
import { fromItem } from './item.ts';
import {
  exportBatchSort,
  exportLedgerSort,
  exportLockKey,
  exportPartition,
  queuedExportIndexKey,
  queuedExportsPartition,
} from './keys.ts';
import { queryAll } from './query-all.ts';

/** A lock outlives a crashed export by at most a day, then TTL removes it. */
const lockLifetimeSeconds = 24 * 60 * 60;

const jobKey = (reseller: string, id: string) => ({ pk: exportPartition(reseller, id), sk: 'JOB' });
/**
 * The lock an export holds while it runs: one per month and mark (exportMarkKey), so a second export
 * of the same invoices' same document into the same books is refused, while the other document, or
 * the other books, can go at the same time without touching what this one marks.
 */
const lockOf = (job: Pick<ExportJob, 'reseller' | 'system' | 'options'>) =>
  exportLockKey(job.reseller, exportMarkKey(job.system, job.options), job.options.invoiceDate.slice(0, 7));

/** The conditional update of a job's status and fields: the same for a single write and in a transaction. */
const jobUpdate = (
  db: Db,
  job: Pick<ExportJob, 'reseller' | 'id'>,
  from: readonly ExportStatus[],
  changes: JobChanges,
) => {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  // A job that leaves `queued` leaves the sweeper's index with the same write.
  const leavesQueue = changes.status !== 'queued' ? ' REMOVE gsi1pk, gsi1sk' : '';
  return {
    TableName: db.tableName,
    Key: jobKey(job.reseller, job.id),
    UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :v${index}`).join(', ')}${leavesQueue}`,
    ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
    ExpressionAttributeNames: {
      '#status': 'status',
      ...Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
    },
    ExpressionAttributeValues: {
      ...Object.fromEntries(entries.map(([, value], index) => [`:v${index}`, value])),
      ...Object.fromEntries(from.map((status, index) => [`:from${index}`, status])),
    },
  };
};

/** DynamoDB's 100 actions per transaction, less the check of the job's status. */
const ledgerEntriesPerTransaction = 99;

/**
 * What the export saga's batch step reads and writes: the job, its batches and its ledger. Apart from
 * the whole repository so that export-batch, which makes the drafts, bundles none of the request's
 * job creation, the sweeper's queries or the status read (the workers' bundles are held to 300 KB).
 */
export const exportSagaRepository = (db: Db) => {
  const getExportJob = async (reseller: string, id: string): Promise<ExportJob | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: jobKey(reseller, id) }),
    );
    return Item ? fromItem<ExportJob>(Item) : undefined;
  };
  const getExportBatch = async (
    reseller: string,
    id: string,
    index: number,
  ): Promise<ExportBatch | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({
        TableName: db.tableName,
        Key: { pk: exportPartition(reseller, id), sk: exportBatchSort(index) },
      }),
    );
    return Item ? { index: Item.index as number, invoices: Item.invoices as string[] } : undefined;
  };
  /** Moves the job to a new status, only from one it may come from (a redelivered step changes nothing twice). */
  const updateExportJob = async (
    job: Pick<ExportJob, 'reseller' | 'id'>,
    from: readonly ExportStatus[],
    changes: JobChanges,
  ): Promise<boolean> => {
    try {
      await db.client.send(new UpdateCommand(jobUpdate(db, job, from, changes)));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  };
  /** Writes (or advances) one ledger entry: the record that a draft is being made, exists, or is gone. */
  const recordLedger = async (reseller: string, exportId: string, entry: LedgerEntry): Promise<void> => {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          pk: exportPartition(reseller, exportId),
          sk: exportLedgerSort(entry.invoice),
          type: 'export-ledger',
          ...entry,
        },
      }),
    );
  };
  /**
   * Writes ledger entries only while the job is `running`, each transaction with a check of the
   * job's status; false once it is not (nothing more written). Why: when one batch fails, the state
   * machine compensates at once, while the other batches' invocations run on (a Map cannot stop a
   * Lambda that has started, and an execution that is restarted runs its batches again). The
   * compensation first moves the job to `compensating`, then reads the ledger. A batch that records
   * its intents ('creating') and its drafts ('created') only while the job runs is therefore either
   * seen by that read, or refused and knows the drafts are its own to take away: no draft is made,
   * or kept, behind the compensation's back. Up to 99 entries share one transaction with the check.
   */
  const recordLedgerEntriesWhileRunning = async (
    job: Pick<ExportJob, 'reseller' | 'id'>,
    entries: readonly LedgerEntry[],
  ): Promise<boolean> => {
    for (let start = 0; start < entries.length; start += ledgerEntriesPerTransaction) {
      try {
        await db.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: db.tableName,
                  Key: jobKey(job.reseller, job.id),
                  ConditionExpression: '#status = :running',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':running': 'running' },
                },
              },
              ...entries.slice(start, start + ledgerEntriesPerTransaction).map((entry) => ({
                Put: {
                  TableName: db.tableName,
                  Item: {
                    pk: exportPartition(job.reseller, job.id),
                    sk: exportLedgerSort(entry.invoice),
                    type: 'export-ledger',
                    ...entry,
                  },
                },
              })),
            ],
          }),
        );
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
        throw error;
      }
    }
    return true;
  };
  /**
   * The ledger entries of some of the export's invoices, by invoice, strongly consistent: a retried
   * batch must see what the attempt before it recorded, or it would create a draft again.
   */
  const getLedgerEntries = async (
    reseller: string,
    exportId: string,
    invoices: readonly string[],
  ): Promise<Map<string, LedgerEntry>> =>
    new Map(
      (
        await batchGetAll(
          db,
          invoices.map((invoice) => ({
            pk: exportPartition(reseller, exportId),
            sk: exportLedgerSort(invoice),
          })),
          { consistent: true },
        )
      ).map((item) => [item.invoice as string, fromItem<LedgerEntry>(item)]),
    );

  return {
    getExportJob,
    getExportBatch,
    updateExportJob,
    recordLedger,
    recordLedgerEntriesWhileRunning,
    getLedgerEntries,
  };
};

/** Export jobs: their batches, their ledger, the lock of their month, and the sweeper's list of waiting jobs. */
export const exportRepository = (db: Db) => {
  const { lookUp } = directoryRepository(db);
  const saga = exportSagaRepository(db);

  /**
   * Records a new export job with its batches and takes the lock of its month and mark (lockOf), in one
   * transaction: a second export of the same invoices while this one runs is refused.
   */
  const createExportJob = async (job: ExportJob, batches: readonly (readonly string[])[]): Promise<void> => {
    const pk = exportPartition(job.reseller, job.id);
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...lockOf(job),
                  type: 'export-lock',
                  exportId: job.id,
                  expiresAt: Math.floor(Date.parse(job.createdAt) / 1000) + lockLifetimeSeconds,
                },
                ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
                ExpressionAttributeValues: { ':now': Math.floor(Date.parse(job.createdAt) / 1000) },
              },
            },
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...jobKey(job.reseller, job.id),
                  type: 'export-job',
                  ...job,
                  // Until it starts, the job is on the sweeper's list (queuedExportsWaitingSince).
                  ...(job.status === 'queued'
                    ? queuedExportIndexKey(job.createdAt, job.reseller, job.id)
                    : {}),
                },
              },
            },
            directoryPut(db, { id: job.id, kind: 'export', reseller: job.reseller }),
            ...batches.map((invoices, index) => ({
              Put: {
                TableName: db.tableName,
                Item: { pk, sk: exportBatchSort(index), type: 'export-batch', index, invoices },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') {
        const { Item } = await db.client.send(
          new GetCommand({
            TableName: db.tableName,
            Key: lockOf(job),
          }),
        );
        throw new ExportAlreadyRunning(Item?.exportId);
      }
      throw error;
    }
  };
  /** Releases the month's lock, if this export still holds it. */
  const releaseExportLock = async (job: ExportJob): Promise<void> => {
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: db.tableName,
                Key: lockOf(job),
                ConditionExpression: 'exportId = :id',
                ExpressionAttributeValues: { ':id': job.id },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
    }
  };
  /** The job and its ledger, in one query (more pages for very large exports). */
  const getExport = async (reseller: string, id: string): Promise<ExportRecord | undefined> => {
    const items = await queryAll(db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': exportPartition(reseller, id) },
    });
    const job = items.find((item) => item.sk === 'JOB');
    if (!job) return undefined;
    return {
      job: fromItem<ExportJob>(job),
      ledger: items
        .filter((item) => String(item.sk).startsWith('LEDGER#'))
        .map((item) => fromItem<LedgerEntry>(item)),
      batchCount: items.filter((item) => String(item.sk).startsWith('BATCH#')).length,
    };
  };
  const findExportTenant = async (id: string): Promise<string | undefined> =>
    (await lookUp(id, 'export'))?.reseller;
  /**
   * Ends the job (succeeded or failed) and frees its month in one write. Apart, there is a moment in
   * which the job reads as finished while its lock still refuses the month's next export (409): the
   * person who saw "succeeded" and asks again must not be told one is running. False when the job
   * had already left `from` (a retried step); the lock is freed all the same.
   */
  const finishExportJob = async (
    job: ExportJob,
    from: readonly ExportStatus[],
    changes: JobChanges,
  ): Promise<boolean> => {
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: jobUpdate(db, job, from, changes) },
            {
              Delete: {
                TableName: db.tableName,
                Key: lockOf(job),
                // Gone already (a retry, or TTL), or ours; another export's lock is left alone.
                ConditionExpression: 'attribute_not_exists(pk) OR exportId = :id',
                ExpressionAttributeValues: { ':id': job.id },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const [jobCheck, lockCheck] = codes;
      if (jobCheck === 'ConditionalCheckFailed') {
        await releaseExportLock(job);
        return false;
      }
      // The month is another export's by now (this one outlived its lock): end the job alone.
      if (lockCheck === 'ConditionalCheckFailed') return saga.updateExportJob(job, from, changes);
      throw error;
    }
  };
  /**
   * The jobs still `queued` whose message was last sent before `before` (ISO), oldest first: one
   * query on the sparse index of waiting jobs, whatever the number of jobs ever made.
   */
  const queuedExportsWaitingSince = async (before: string, limit: number): Promise<ExportJob[]> => {
    const { Items = [] } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
        ExpressionAttributeValues: { ':pk': queuedExportsPartition, ':before': before },
        Limit: limit,
      }),
    );
    return Items.filter((item) => item.type === 'export-job' && item.status === 'queued').map((item) =>
      fromItem<ExportJob>(item),
    );
  };
  /**
   * Records that a waiting job's message is sent again (its `requeued` count, and the time it waits
   * from), only if the job is still `queued` and nobody counted this attempt before: two sweeps
   * racing send once. False when the job started or another sweep got there first.
   */
  const recordExportRequeue = async (job: ExportJob, at: string): Promise<boolean> => {
    const previous = job.requeued ?? 0;
    try {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: jobKey(job.reseller, job.id),
          UpdateExpression: 'SET requeued = :next, requeuedAt = :at, gsi1sk = :sk',
          ConditionExpression:
            '#status = :queued AND attribute_exists(gsi1pk) AND ' +
            (previous === 0 ? 'attribute_not_exists(requeued)' : 'requeued = :previous'),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':next': previous + 1,
            ':at': at,
            ':sk': queuedExportIndexKey(at, job.reseller, job.id).gsi1sk,
            ':queued': 'queued',
            ...(previous === 0 ? {} : { ':previous': previous }),
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  };
  const getLedger = async (reseller: string, exportId: string): Promise<LedgerEntry[]> =>
    (
      await queryAll(db, {
        // Strongly consistent: the compensation must see every entry a batch wrote before the job
        // stopped running (see recordLedgerEntriesWhileRunning).
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
        ExpressionAttributeValues: { ':pk': exportPartition(reseller, exportId), ':ledger': 'LEDGER#' },
      })
    ).map((item) => fromItem<LedgerEntry>(item));

  return {
    ...saga,
    createExportJob,
    releaseExportLock,
    getExport,
    findExportTenant,
    finishExportJob,
    queuedExportsWaitingSince,
    recordExportRequeue,
    getLedger,
  };
};
