import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { CloseOutcome } from '#app/ports/store';
import { closeRepository } from '../../src/monthly-close.ts';
import { conditionFailed, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const close = closeRepository(db);
afterEach(() => dynamo.reset());

const outcome: CloseOutcome = {
  month: '2026-10',
  run: 'run-1',
  reseller: 'r1',
  exports: [],
  recordedAt: '2026-11-01T02:00:00.000Z',
};
const key = { pk: 'P#CLOSE#2026-10#run-1', sk: 'RESELLER#r1' };

describe('closeRepository', () => {
  it('keeps a reseller’s outcome under its run for a year', async () => {
    // Prepare
    dynamo.on(PutCommand).resolves({});

    // Act
    await close.putCloseOutcome(outcome);

    // Assess
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Item: {
        ...key,
        type: 'close-outcome',
        ...outcome,
        expiresAt: Date.parse(outcome.recordedAt) / 1000 + 366 * 24 * 3600,
      },
    });
  });

  it('lists the outcomes of one run', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [{ ...key, type: 'close-outcome', expiresAt: 1, ...outcome }] });

    // Act
    const outcomes = await close.listCloseOutcomes('2026-10', 'run-1');

    // Assess
    expect(outcomes).toEqual([outcome]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'P#CLOSE#2026-10#run-1' },
      ExclusiveStartKey: undefined,
    });
  });

  it('records the refusals e-mail once: a second attempt answers false', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());

    // Act
    const first = await close.markRefusalsNotified(outcome, '2026-11-01T03:00:00.000Z');
    const again = await close.markRefusalsNotified(outcome, '2026-11-01T03:05:00.000Z');

    // Assess
    expect([first, again]).toEqual([true, false]);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET refusalsNotifiedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(refusalsNotifiedAt)',
      ExpressionAttributeValues: { ':at': '2026-11-01T03:00:00.000Z' },
    });
  });
});
