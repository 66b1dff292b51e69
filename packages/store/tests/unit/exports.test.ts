import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportAlreadyRunning } from '#app/ports/store';
import type { LedgerEntry } from '#domain/export-job';
import { exportJob } from '../../../domain/tests/unit/export-job-fixture.ts';
import { exportRepository } from '../../src/exports.ts';
import { cancelled, conditionFailed, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const exports = exportRepository(db);
afterEach(() => dynamo.reset());

const job = exportJob({ status: 'queued' });
const created = Date.parse(job.createdAt) / 1000;
const pk = 'T#r1#EXPORT#job1';
const jobKey = { pk, sk: 'JOB' };
const lockKey = { pk: 'T#r1', sk: 'EXPORT-LOCK#economic#2026-11' };
const entry = { invoice: 'inv1', state: 'created', draftNumber: '17' } as unknown as LedgerEntry;

describe('exportRepository.createExportJob', () => {
  it('takes the month’s lock and writes the job, its directory entry and its batches in one transaction', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await exports.createExportJob(job, [['inv1', 'inv2'], ['inv3']]);

    // Assess
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { ...lockKey, type: 'export-lock', exportId: 'job1', expiresAt: created + 24 * 60 * 60 },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': created },
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              ...jobKey,
              type: 'export-job',
              ...job,
              gsi1pk: 'P#EXPORTS#QUEUED',
              gsi1sk: `${job.createdAt}#r1#job1`,
            },
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              pk: 'P#ID#job1',
              sk: 'ID',
              type: 'directory',
              id: 'job1',
              kind: 'export',
              reseller: 'r1',
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: { pk, sk: 'BATCH#00000', type: 'export-batch', index: 0, invoices: ['inv1', 'inv2'] },
          },
        },
        {
          Put: {
            TableName: table,
            Item: { pk, sk: 'BATCH#00001', type: 'export-batch', index: 1, invoices: ['inv3'] },
          },
        },
      ],
    });
  });

  it('refuses a second export of the month while one runs, naming the running one', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    dynamo.on(GetCommand).resolves({ Item: { ...lockKey, exportId: 'running-job' } });

    // Act
    const createdJob = exports.createExportJob(job, [['inv1']]);

    // Assess
    await expect(createdJob).rejects.toEqual(new ExportAlreadyRunning('running-job'));
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({ TableName: table, Key: lockKey });
  });
});

describe('exportRepository: the job', () => {
  it('reads the job, its ledger and its batch count from its partition', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({
      Items: [
        { ...jobKey, type: 'export-job', ...job },
        { pk, sk: 'BATCH#00000', invoices: [] },
        { pk, sk: 'LEDGER#inv1', type: 'export-ledger', ...entry },
      ],
    });

    // Act
    const record = await exports.getExport('r1', 'job1');

    // Assess
    expect(record).toEqual({ job, ledger: [entry], batchCount: 1 });
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ExclusiveStartKey: undefined,
    });
  });

  it('finds the tenant of an export id in the directory', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({ Item: { id: 'job1', kind: 'export', reseller: 'r1' } });

    // Act
    const tenant = await exports.findExportTenant('job1');

    // Assess
    expect(tenant).toBe('r1');
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: { pk: 'P#ID#job1', sk: 'ID' },
    });
  });

  it('gets the job alone and one batch by index', async () => {
    // Prepare
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: { ...jobKey, ...job } })
      .resolvesOnce({ Item: { pk, sk: 'BATCH#00002', index: 2, invoices: ['inv9'] } });

    // Act
    const found = await exports.getExportJob('r1', 'job1');
    const batch = await exports.getExportBatch('r1', 'job1', 2);

    // Assess
    expect(found).toEqual(job);
    expect(batch).toEqual({ index: 2, invoices: ['inv9'] });
    expect(dynamo.commandCalls(GetCommand).map((call) => call.args[0].input)).toEqual([
      { TableName: table, Key: jobKey },
      { TableName: table, Key: { pk, sk: 'BATCH#00002' } },
    ]);
  });

  it('moves the job from an allowed status only, leaving the sweeper’s index when it leaves queued', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());

    // Act
    const moved = await exports.updateExportJob(job, ['queued'], {
      status: 'running',
      startedAt: 'now',
    } as never);
    const again = await exports.updateExportJob(job, ['queued'], { status: 'running' });

    // Assess
    expect([moved, again]).toEqual([true, false]);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: jobKey,
      UpdateExpression: 'SET #f0 = :v0, #f1 = :v1 REMOVE gsi1pk, gsi1sk',
      ConditionExpression: '#status IN (:from0)',
      ExpressionAttributeNames: { '#status': 'status', '#f0': 'status', '#f1': 'startedAt' },
      ExpressionAttributeValues: { ':v0': 'running', ':v1': 'now', ':from0': 'queued' },
    });
  });

  it('releases the month’s lock only if this export holds it', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));

    // Act
    await exports.releaseExportLock(job);

    // Assess
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Delete: {
            TableName: table,
            Key: lockKey,
            ConditionExpression: 'exportId = :id',
            ExpressionAttributeValues: { ':id': 'job1' },
          },
        },
      ],
    });
  });
});

describe('exportRepository.finishExportJob', () => {
  const changes = { status: 'succeeded', finishedAt: '2026-11-02T09:00:00.000Z' } as const;

  it('ends the job and frees its month in one transaction', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const finished = await exports.finishExportJob(job, ['running'], changes);

    // Assess
    expect(finished).toBe(true);
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Update: {
            TableName: table,
            Key: jobKey,
            UpdateExpression: 'SET #f0 = :v0, #f1 = :v1 REMOVE gsi1pk, gsi1sk',
            ConditionExpression: '#status IN (:from0)',
            ExpressionAttributeNames: { '#status': 'status', '#f0': 'status', '#f1': 'finishedAt' },
            ExpressionAttributeValues: { ':v0': 'succeeded', ':v1': changes.finishedAt, ':from0': 'running' },
          },
        },
        {
          Delete: {
            TableName: table,
            Key: lockKey,
            ConditionExpression: 'attribute_not_exists(pk) OR exportId = :id',
            ExpressionAttributeValues: { ':id': 'job1' },
          },
        },
      ],
    });
  });

  it('frees the month all the same when the job had already left its status, and answers false', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed', 'None')).resolvesOnce({});

    // Act
    const finished = await exports.finishExportJob(job, ['running'], changes);

    // Assess
    expect(finished).toBe(false);
    const [, release] = dynamo.commandCalls(TransactWriteCommand);
    expect(release!.args[0].input.TransactItems![0]!.Delete).toMatchObject({
      Key: lockKey,
      ConditionExpression: 'exportId = :id',
    });
  });

  it('ends the job alone when its month is another export’s by now', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    dynamo.on(UpdateCommand).resolves({});

    // Act
    const finished = await exports.finishExportJob(job, ['running'], changes);

    // Assess
    expect(finished).toBe(true);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.Key).toEqual(jobKey);
  });
});

describe('exportRepository: the sweeper', () => {
  it('reads the jobs queued before a time from the sparse index, oldest first', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({
      Items: [
        { ...jobKey, type: 'export-job', ...job },
        { pk: 'x', sk: 'JOB', type: 'export-job', ...job, id: 'started', status: 'running' },
      ],
    });

    // Act
    const waiting = await exports.queuedExportsWaitingSince('2026-11-02T09:00:00.000Z', 10);

    // Assess
    expect(waiting).toEqual([job]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
      ExpressionAttributeValues: { ':pk': 'P#EXPORTS#QUEUED', ':before': '2026-11-02T09:00:00.000Z' },
      Limit: 10,
    });
  });

  it('counts a requeue only once per attempt, and only while the job waits', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());

    // Act
    const first = await exports.recordExportRequeue(job, '2026-11-02T09:00:00.000Z');
    const second = await exports.recordExportRequeue({ ...job, requeued: 1 }, '2026-11-02T09:05:00.000Z');

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: table,
        Key: jobKey,
        UpdateExpression: 'SET requeued = :next, requeuedAt = :at, gsi1sk = :sk',
        ConditionExpression:
          '#status = :queued AND attribute_exists(gsi1pk) AND attribute_not_exists(requeued)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':next': 1,
          ':at': '2026-11-02T09:00:00.000Z',
          ':sk': '2026-11-02T09:00:00.000Z#r1#job1',
          ':queued': 'queued',
        },
      },
      {
        TableName: table,
        Key: jobKey,
        UpdateExpression: 'SET requeued = :next, requeuedAt = :at, gsi1sk = :sk',
        ConditionExpression: '#status = :queued AND attribute_exists(gsi1pk) AND requeued = :previous',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':next': 2,
          ':at': '2026-11-02T09:05:00.000Z',
          ':sk': '2026-11-02T09:05:00.000Z#r1#job1',
          ':queued': 'queued',
          ':previous': 1,
        },
      },
    ]);
  });
});

describe('exportRepository: the ledger', () => {
  it('writes an entry under the export, one per invoice', async () => {
    // Prepare
    dynamo.on(PutCommand).resolves({});

    // Act
    await exports.recordLedger('r1', 'job1', entry);

    // Assess
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Item: { pk, sk: 'LEDGER#inv1', type: 'export-ledger', ...entry },
    });
  });

  it('writes entries only while the job runs, and answers false once it does not', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolvesOnce({}).rejectsOnce(cancelled('ConditionalCheckFailed', 'None'));

    // Act
    const recorded = await exports.recordLedgerEntriesWhileRunning(job, [entry]);
    const refused = await exports.recordLedgerEntriesWhileRunning(job, [entry]);

    // Assess
    expect([recorded, refused]).toEqual([true, false]);
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          ConditionCheck: {
            TableName: table,
            Key: jobKey,
            ConditionExpression: '#status = :running',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':running': 'running' },
          },
        },
        { Put: { TableName: table, Item: { pk, sk: 'LEDGER#inv1', type: 'export-ledger', ...entry } } },
      ],
    });
  });

  it('writes 99 entries to a transaction, each with the check, and stops at the first refusal', async () => {
    // Prepare: 250 entries; the job stops running before the second transaction
    const entries = Array.from({ length: 250 }, (_, index) => ({ ...entry, invoice: `inv${index}` }));
    dynamo.on(TransactWriteCommand).resolvesOnce({}).rejectsOnce(cancelled('ConditionalCheckFailed', 'None'));

    // Act
    const recorded = await exports.recordLedgerEntriesWhileRunning(job, entries);

    // Assess
    expect(recorded).toBe(false);
    const sent = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems!);
    expect(sent.map((items) => items.length)).toEqual([100, 100]);
    expect(sent.map((items) => items[0]!.ConditionCheck?.Key)).toEqual([jobKey, jobKey]);
    expect(sent[1]![1]!.Put!.Item).toEqual({
      pk,
      sk: 'LEDGER#inv99',
      type: 'export-ledger',
      ...entry,
      invoice: 'inv99',
    });
  });

  it('reads the whole ledger strongly consistently', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [{ pk, sk: 'LEDGER#inv1', type: 'export-ledger', ...entry }] });

    // Act
    const ledger = await exports.getLedger('r1', 'job1');

    // Assess
    expect(ledger).toEqual([entry]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
      ExpressionAttributeValues: { ':pk': pk, ':ledger': 'LEDGER#' },
      ExclusiveStartKey: undefined,
    });
  });

  it('reads the entries of some invoices strongly consistently, by invoice', async () => {
    // Prepare
    dynamo.on(BatchGetCommand).resolves({
      Responses: { [table]: [{ pk, sk: 'LEDGER#inv1', type: 'export-ledger', ...entry }] },
    });

    // Act
    const entries = await exports.getLedgerEntries('r1', 'job1', ['inv1', 'inv2']);

    // Assess
    expect(entries).toEqual(new Map([['inv1', entry]]));
    expect(dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input).toEqual({
      RequestItems: {
        [table]: {
          Keys: [
            { pk, sk: 'LEDGER#inv1' },
            { pk, sk: 'LEDGER#inv2' },
          ],
          ConsistentRead: true,
        },
      },
    });
  });
});
