import { BatchGetCommand, BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExportSystem, InvalidCursorError } from '#app/ports/store';
import { exportTrackingRepository } from '../../src/export-tracking.ts';
import { invoiceOf } from '../support/invoices.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const tracking = exportTrackingRepository(db);
afterEach(() => dynamo.reset());

/** A frontier past every feed position: no materializing step, so a test sees the list's own reads. */
const settled: ExportSystem = { name: 'bi', generation: 'g1', registeredAt: '2026-01-01', frontier: '9999' };
const headerItem = (id: string, exportedTo: Record<string, unknown> = {}) => {
  const { lines: _lines, ...header } = invoiceOf({ id });
  return { pk: `T#r1#INVOICE#${id}`, sk: 'HEADER', ...header, lineCount: 1, exportedTo };
};
const query = { reseller: 'r1', system: settled, accept: () => true, limit: 10 };

describe('exportTrackingRepository.listUnexported', () => {
  it('reads the system’s pending items up to the frontier, then the feed after it', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ gsi1sk: '2026-11-01#a', invoice: 'a' }] })
      .resolvesOnce({ Items: [] });
    dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [headerItem('a')] } });

    // Act
    const page = await tracking.listUnexported(query);

    // Assess
    expect(page.invoices.map((header) => header.id)).toEqual(['a']);
    expect(page.cursor).toBeUndefined();
    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :after AND :frontier',
        ExpressionAttributeValues: { ':pk': 'T#r1#PENDING#g1#bi', ':after': '0', ':frontier': '9999' },
        Limit: 25,
      },
      {
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
        ExpressionAttributeValues: { ':pk': 'T#r1#CREATED', ':after': '9999' },
        Limit: 25,
        ExclusiveStartKey: undefined,
      },
    ]);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('drops, and deletes, a pending item whose invoice the system has marked meanwhile', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ gsi1sk: '2026-11-01#a', invoice: 'a' }] })
      .resolvesOnce({ Items: [] });
    dynamo
      .on(BatchGetCommand)
      .resolves({ Responses: { [table]: [headerItem('a', { 'S#bi': { at: 'x' } })] } });
    dynamo.on(BatchWriteCommand).resolves({});

    // Act
    const page = await tracking.listUnexported(query);

    // Assess
    expect(page.invoices).toEqual([]);
    expect(dynamo.commandCalls(BatchWriteCommand)[0]!.args[0].input).toEqual({
      RequestItems: { [table]: [{ DeleteRequest: { Key: { pk: 'T#r1#INVOICE#a', sk: 'PENDING#bi' } } }] },
    });
  });

  it('also reads the invoices marked before a time, from the marks by time (gsi2)', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [] })
      .resolvesOnce({ Items: [] })
      .resolvesOnce({ Items: [{ gsi2sk: '2026-10-01#b', invoice: 'b' }] });
    dynamo
      .on(BatchGetCommand)
      .resolves({ Responses: { [table]: [headerItem('b', { 'S#bi': { at: 'x' } })] } });

    // Act
    const page = await tracking.listUnexported({ ...query, notExportedSince: '2026-11-01T00:00:00.000Z' });

    // Assess
    expect(page.invoices.map((header) => header.id)).toEqual(['b']);
    expect(dynamo.commandCalls(QueryCommand)[2]!.args[0].input).toEqual({
      TableName: table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :after AND :since',
      ExpressionAttributeValues: {
        ':pk': 'T#r1#MARKED#bi',
        ':after': '0',
        ':since': '2026-11-01T00:00:00.000Z',
      },
      Limit: 25,
    });
  });

  it('answers a cursor at the last invoice of a full page, and resumes after it', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ gsi1sk: '2026-11-01#a', invoice: 'a' }], LastEvaluatedKey: { pk: 'x' } })
      .resolvesOnce({ Items: [] })
      .resolvesOnce({ Items: [] });
    dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [headerItem('a')] } });

    // Act
    const first = await tracking.listUnexported({ ...query, limit: 1 });
    await tracking.listUnexported({ ...query, limit: 1, cursor: first.cursor! });

    // Assess
    expect(first.cursor).toEqual(expect.any(String));
    expect(dynamo.commandCalls(QueryCommand)[1]!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':after': '2026-11-01#a',
    });
  });

  it('answers the cursor after each invoice, which resumes right after it (an answer cut short by bytes)', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: [
          { gsi1sk: '2026-11-01#a', invoice: 'a' },
          { gsi1sk: '2026-11-02#b', invoice: 'b' },
        ],
      })
      .resolves({ Items: [] });
    dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [headerItem('a'), headerItem('b')] } });

    // Act
    const page = await tracking.listUnexported(query);
    const calls = dynamo.commandCalls(QueryCommand).length;
    await tracking.listUnexported({ ...query, cursor: page.after[0]! });

    // Assess
    expect(page.invoices.map((header) => header.id)).toEqual(['a', 'b']);
    expect(page.after).toHaveLength(2);
    expect(dynamo.commandCalls(QueryCommand)[calls]!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':after': '2026-11-01#a',
    });
  });

  it('refuses the cursor of another registration of the same name', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ gsi1sk: '2026-11-01#a', invoice: 'a' }], LastEvaluatedKey: { pk: 'x' } });
    dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [headerItem('a')] } });
    const { cursor } = await tracking.listUnexported({ ...query, limit: 1 });

    // Act
    const listed = tracking.listUnexported({
      ...query,
      system: { ...settled, generation: 'g2' },
      cursor: cursor!,
    });

    // Assess
    await expect(listed).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
