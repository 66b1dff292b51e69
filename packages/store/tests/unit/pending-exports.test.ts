import { BatchGetCommand, BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportSystem } from '#app/ports/store';
import { feedGraceSeconds, materializeStep, pendingExportRepository } from '../../src/pending-exports.ts';
import { invoiceOf } from '../support/invoices.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const pending = pendingExportRepository(db);
afterEach(() => dynamo.reset());

const now = new Date('2026-11-02T08:00:00.000Z');
const cutoff = new Date(now.getTime() - feedGraceSeconds * 1000).toISOString();
const system: ExportSystem = { name: 'bi', generation: 'g1', registeredAt: '2026-01-01', frontier: '0' };
const headerItem = (id: string, exportedTo: Record<string, unknown> = {}) => {
  const { lines: _lines, ...header } = invoiceOf({ id, createdAt: '2026-11-01T08:00:00.000Z' });
  return { pk: `T#r1#INVOICE#${id}`, sk: 'HEADER', ...header, lineCount: 1, exportedTo };
};

describe('pendingExportRepository.materializePending', () => {
  it('writes pending items for the unmarked invoices of the feed behind the grace period, then moves the frontier', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({
      Items: [
        { gsi1sk: '2026-11-01T08:00:00.000Z#a', invoice: 'a' },
        { gsi1sk: '2026-11-01T08:00:00.000Z#b', invoice: 'b' },
      ],
    });
    dynamo.on(BatchGetCommand).resolves({
      Responses: { [table]: [headerItem('a'), headerItem('b', { 'S#bi': { at: 'x' } })] },
    });
    dynamo.on(BatchWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});

    // Act
    const reached = await pending.materializePending('r1', system, now);

    // Assess
    expect(reached).toBe('2026-11-01T08:00:00.000Z#b');
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :after AND :before',
      ExpressionAttributeValues: { ':pk': 'T#r1#CREATED', ':after': '0', ':before': cutoff },
      Limit: materializeStep,
      ExclusiveStartKey: undefined,
    });
    expect(dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input).toEqual({
      RequestItems: {
        [table]: {
          Keys: [
            { pk: 'T#r1#INVOICE#a', sk: 'HEADER' },
            { pk: 'T#r1#INVOICE#b', sk: 'HEADER' },
          ],
        },
      },
    });
    expect(dynamo.commandCalls(BatchWriteCommand)[0]!.args[0].input).toEqual({
      RequestItems: {
        [table]: [
          {
            PutRequest: {
              Item: {
                pk: 'T#r1#INVOICE#a',
                sk: 'PENDING#bi',
                gsi1pk: 'T#r1#PENDING#g1#bi',
                gsi1sk: '2026-11-01T08:00:00.000Z#a',
                type: 'export-pending',
                invoice: 'a',
                customer: 'c1',
                system: 'bi',
                generation: 'g1',
                createdAt: '2026-11-01T08:00:00.000Z',
              },
            },
          },
        ],
      },
    });
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      Key: { pk: 'T#r1', sk: 'EXPORT-SYSTEMS' },
      ExpressionAttributeValues: { ':to': '2026-11-01T08:00:00.000Z#b', ':generation': 'g1' },
    });
  });

  it('reads nothing for a frontier already within the grace period', async () => {
    // Act
    const reached = await pending.materializePending('r1', { ...system, frontier: cutoff }, now);

    // Assess
    expect(reached).toBe(cutoff);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('keeps the frontier where it is when the feed has nothing new behind it', async () => {
    // Prepare: BETWEEN includes the frontier itself
    dynamo.on(QueryCommand).resolves({ Items: [{ gsi1sk: '0', invoice: 'x' }] });

    // Act
    const reached = await pending.materializePending('r1', system, now);

    // Assess
    expect(reached).toBe('0');
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

describe('pendingExportRepository.deletePendingItems', () => {
  it('deletes the system’s pending item of each invoice', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).resolves({});

    // Act
    await pending.deletePendingItems('r1', 'bi', ['a', 'b']);

    // Assess
    expect(dynamo.commandCalls(BatchWriteCommand)[0]!.args[0].input).toEqual({
      RequestItems: {
        [table]: [
          { DeleteRequest: { Key: { pk: 'T#r1#INVOICE#a', sk: 'PENDING#bi' } } },
          { DeleteRequest: { Key: { pk: 'T#r1#INVOICE#b', sk: 'PENDING#bi' } } },
        ],
      },
    });
  });
});
